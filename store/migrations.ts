/**
 * Schema migrations, applied in order once each. Never edit a migration that has shipped: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: guidance pages, their full-text index, search feedback, audit trail, the staff directory.
  `
  CREATE TABLE guidance_page (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    headings TEXT NOT NULL,          -- one heading a line
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    origin TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX guidance_page_origin ON guidance_page(origin);

  -- External-content FTS5 index: the text lives once, in guidance_page, and triggers keep the index in step
  -- inside the same transaction. Porter stemming over unicode61 tokens.
  CREATE VIRTUAL TABLE guidance_fts USING fts5(
    title, headings, body_text,
    content='guidance_page', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER guidance_page_ai AFTER INSERT ON guidance_page BEGIN
    INSERT INTO guidance_fts(rowid, title, headings, body_text) VALUES (new.rowid, new.title, new.headings, new.body_text);
  END;
  CREATE TRIGGER guidance_page_ad AFTER DELETE ON guidance_page BEGIN
    INSERT INTO guidance_fts(guidance_fts, rowid, title, headings, body_text) VALUES ('delete', old.rowid, old.title, old.headings, old.body_text);
  END;
  CREATE TRIGGER guidance_page_au AFTER UPDATE ON guidance_page BEGIN
    INSERT INTO guidance_fts(guidance_fts, rowid, title, headings, body_text) VALUES ('delete', old.rowid, old.title, old.headings, old.body_text);
    INSERT INTO guidance_fts(rowid, title, headings, body_text) VALUES (new.rowid, new.title, new.headings, new.body_text);
  END;

  CREATE TABLE search_feedback (
    seq INTEGER PRIMARY KEY,
    query TEXT NOT NULL,
    page_id TEXT,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    channel TEXT NOT NULL,
    at TEXT NOT NULL
  );

  CREATE TABLE audit_event (
    seq INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    at TEXT NOT NULL,
    detail TEXT
  );

  CREATE TABLE staff_user (
    upn TEXT PRIMARY KEY COLLATE NOCASE,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,             -- JSON array of role ids
    department TEXT NOT NULL,
    manager_upn TEXT
  );
  `,
  // 2: where the bot can reach each person proactively (ids and endpoint only; never message text or names).
  `
  CREATE TABLE conversation_reference (
    aad_object_id TEXT PRIMARY KEY COLLATE NOCASE,
    tenant_id TEXT NOT NULL,
    service_url TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    bot_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    stale_since TEXT                 -- set when a send found the bot uninstalled; cleared when the person returns
  );
  `,
  // 3: where each SharePoint site pages sync left off: its deltaLink, and what each list item became locally.
  `
  CREATE TABLE site_pages_delta (
    sync_key TEXT PRIMARY KEY,       -- one per site and Site Pages list
    delta_link TEXT,                 -- NULL until a run has landed every change
    updated_at TEXT NOT NULL
  );
  CREATE TABLE site_pages_delta_item (
    sync_key TEXT NOT NULL REFERENCES site_pages_delta(sync_key) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    page_id TEXT NOT NULL,
    e_tag TEXT NOT NULL,
    PRIMARY KEY (sync_key, item_id)
  ) WITHOUT ROWID;
  `,
  // 4: the author's keywords (front matter keywords/tags, one a line) and description, ranked as their own field.
  `
  ALTER TABLE guidance_page ADD COLUMN keywords TEXT NOT NULL DEFAULT '';
  ALTER TABLE guidance_page ADD COLUMN description TEXT;
  `,
  // 5: search runs in process (core's engine), so the FTS5 index and the triggers that kept it in step go: they were
  // most of the cost of writing a page. The page change log, until now created on open by SqliteGuidance, becomes
  // a migration (IF NOT EXISTS: databases opened by earlier releases already have it, with their history). The
  // search_feedback table of migration 1 goes: feedback lives in the search-feedback record collection.
  `
  DROP TRIGGER IF EXISTS guidance_page_ai;
  DROP TRIGGER IF EXISTS guidance_page_ad;
  DROP TRIGGER IF EXISTS guidance_page_au;
  DROP TABLE IF EXISTS guidance_fts;
  DROP TABLE IF EXISTS search_feedback;

  -- The page change log: one row per page id holding the sequence number of its latest insert, update or delete,
  -- written by triggers in the same transaction as the change. Triggers use UPSERT, not INSERT OR REPLACE: a
  -- trigger's conflict policy is overridden by the statement that fired it.
  CREATE TABLE IF NOT EXISTS guidance_change (page_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS guidance_change_seq ON guidance_change(seq);
  CREATE TRIGGER IF NOT EXISTS guidance_change_ai AFTER INSERT ON guidance_page BEGIN
    INSERT INTO guidance_change(page_id, seq) VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change))
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
  END;
  CREATE TRIGGER IF NOT EXISTS guidance_change_au AFTER UPDATE ON guidance_page BEGIN
    INSERT INTO guidance_change(page_id, seq) SELECT old.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change) WHERE old.id <> new.id
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
    INSERT INTO guidance_change(page_id, seq) VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change))
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
  END;
  CREATE TRIGGER IF NOT EXISTS guidance_change_ad AFTER DELETE ON guidance_page BEGIN
    INSERT INTO guidance_change(page_id, seq) VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change))
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
  END;
  `,
  // 6: a Markdown page keeps its Markdown, rendered when someone opens it; body_html then holds '' (an HTML page
  // keeps its sanitised HTML there, as before). Pages ingested earlier keep their rendered HTML and read as HTML.
  `
  ALTER TABLE guidance_page ADD COLUMN body_markdown TEXT;
  `,
];
