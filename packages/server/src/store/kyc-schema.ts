// The tables of the KYC store (store/kyc.ts); its own module, so the migrations import no store code.
/** The schema the KYC store adds to the SQLite file (one numbered migration of store/sqlite.ts). */
export const kycCaseMigration = `ALTER TABLE kyc_submissions ADD COLUMN corrections TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE kyc_submissions ADD COLUMN approved_at INTEGER;
   ALTER TABLE kyc_submissions ADD COLUMN due_at INTEGER;
   ALTER TABLE kyc_submissions ADD COLUMN check_id TEXT;
   ALTER TABLE kyc_submissions ADD COLUMN check_started_at INTEGER;
   CREATE INDEX kyc_submissions_status ON kyc_submissions (status, submitted_at);
   CREATE INDEX kyc_submissions_due ON kyc_submissions (due_at);
   ALTER TABLE kyc_documents ADD COLUMN expires_on TEXT;
   ALTER TABLE kyc_documents ADD COLUMN state TEXT NOT NULL DEFAULT 'current';
   CREATE INDEX kyc_documents_case ON kyc_documents (user_id, kyc_type);
   CREATE TABLE kyc_decisions (
     id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, kyc_type TEXT NOT NULL, decision TEXT NOT NULL,
     items TEXT NOT NULL, note TEXT, reviewer TEXT NOT NULL, source TEXT NOT NULL,
     from_status TEXT NOT NULL, to_status TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX kyc_decisions_case ON kyc_decisions (user_id, kyc_type, id);
   CREATE TRIGGER kyc_decisions_no_update BEFORE UPDATE ON kyc_decisions BEGIN SELECT RAISE(ABORT, 'decisions are history'); END;
   CREATE TRIGGER kyc_decisions_no_delete BEFORE DELETE ON kyc_decisions BEGIN SELECT RAISE(ABORT, 'decisions are history'); END;
   CREATE TABLE kyc_checks (check_id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, kyc_type TEXT NOT NULL, started_at INTEGER NOT NULL);
   CREATE TABLE kyc_vendor_events (event_id TEXT PRIMARY KEY, check_id TEXT NOT NULL, outcome TEXT NOT NULL, at INTEGER NOT NULL);`;
