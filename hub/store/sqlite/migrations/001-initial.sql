CREATE TABLE qr_codes (
  tran_id        TEXT PRIMARY KEY,
  create_id      TEXT NOT NULL UNIQUE,
  client_id      TEXT NOT NULL,
  merchant_id    TEXT NOT NULL,
  terminal_id    TEXT NOT NULL,
  properties     TEXT NOT NULL,
  issued_at      INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE payments (
  id             TEXT PRIMARY KEY,
  tran_id        TEXT NOT NULL UNIQUE REFERENCES qr_codes(tran_id),
  client_id      TEXT NOT NULL,
  state          TEXT NOT NULL,
  received_at    INTEGER NOT NULL,
  deadline_at    INTEGER NOT NULL,
  upstream_id    TEXT UNIQUE,
  updated_at     INTEGER NOT NULL,
  core           TEXT NOT NULL,
  request        TEXT NOT NULL,
  upstream_request TEXT,
  partner_response TEXT,
  pos_response   TEXT
) STRICT;
CREATE INDEX payments_by_state ON payments(state);

CREATE TABLE scans (
  id             TEXT PRIMARY KEY,
  tran_id        TEXT NOT NULL,
  partner_id     TEXT NOT NULL,
  received_at    INTEGER NOT NULL,
  accepted       INTEGER NOT NULL,
  notification   TEXT NOT NULL
) STRICT;

CREATE TABLE advices (
  kind           TEXT NOT NULL,
  id             TEXT NOT NULL,
  client_id      TEXT NOT NULL,
  payment_id     TEXT NOT NULL,
  received_at    INTEGER NOT NULL,
  body           TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) STRICT;
CREATE INDEX advices_by_payment ON advices(payment_id);

CREATE TABLE tombstones (
  client_id      TEXT NOT NULL,
  payment_id     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (client_id, payment_id)
) STRICT;

CREATE TABLE upstream_advices (
  id              TEXT PRIMARY KEY,
  payment_id      TEXT NOT NULL UNIQUE REFERENCES payments(id),
  tran_id         TEXT NOT NULL,
  partner_id      TEXT NOT NULL,
  kind            TEXT NOT NULL,
  body            TEXT NOT NULL,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  queued_at       INTEGER NOT NULL,
  last_status     TEXT,
  finished_at     INTEGER
) STRICT;
CREATE INDEX upstream_advices_due ON upstream_advices(state, next_attempt_at);

CREATE TABLE events (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  tran_id        TEXT NOT NULL,
  at             INTEGER NOT NULL,
  type           TEXT NOT NULL,
  detail         TEXT
) STRICT;
CREATE INDEX events_by_tran ON events(tran_id, seq);
