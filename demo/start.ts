// `npm start`: the reference backend with the hosted screens.
import '../packages/server/src/main.ts';
