import qrcode from 'qrcode-generator';

/** A row segment of dark modules: one `<rect>` per run keeps the SVG small. */
export interface QrRun {
  x: number;
  y: number;
  width: number;
}

/** The dark modules of the QR code of `text` (error correction M), as horizontal runs, and the grid size. */
export function qrRuns(text: string): { size: number; runs: QrRun[] } {
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  const size = code.getModuleCount();
  const runs: QrRun[] = [];
  for (let y = 0; y < size; y++) {
    let start = -1;
    for (let x = 0; x <= size; x++) {
      const dark = x < size && code.isDark(y, x);
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  }
  return { size, runs };
}
