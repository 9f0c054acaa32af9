import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { openConnection } from './open-database.js';
import type { FromWriter, ToWriter } from './writer-protocol.js';
import { applyWrite, prepareWriteStatements } from './write-statements.js';

// The writer thread: owns the only write connection. Every batch that is waiting when it becomes free goes into one
// IMMEDIATE transaction, so one fsync (synchronous=FULL) covers them all, and the main thread never blocks on disk.

const { path, port } = workerData as { path: string; port: MessagePort };
const db = openConnection(path);
// A checkpoint inside a commit would hold that commit's acknowledgement for milliseconds; checkpoints run when idle.
db.pragma('wal_autocheckpoint = 0');
db.pragma('journal_size_limit = 16777216');
const statements = prepareWriteStatements(db);
const CHECKPOINT_EVERY_MS = 250;
let lastCheckpoint = Date.now();
let checkpointTimer: NodeJS.Timeout | undefined;

function checkpointWhenIdle(): void {
  clearTimeout(checkpointTimer);
  const due = CHECKPOINT_EVERY_MS - (Date.now() - lastCheckpoint);
  checkpointTimer = setTimeout(() => {
    lastCheckpoint = Date.now();
    db.pragma('wal_checkpoint(PASSIVE)');
  }, Math.max(due, 5));
}
const send = (message: FromWriter) => port.postMessage(message);

const commit = db.transaction((batches: Extract<ToWriter, { type: 'batch' }>[]) => {
  for (const batch of batches) for (const write of batch.writes) applyWrite(statements, write);
});

function close(): void {
  clearTimeout(checkpointTimer);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  send({ type: 'closed' });
  port.close();
}

port.on('message', (first: ToWriter) => {
  if (first.type === 'close') return close();
  const batches = [first];
  let closing = false;
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    const message = next.message as ToWriter;
    if (message.type === 'close') {
      closing = true;
      break;
    }
    batches.push(message);
  }
  const ids = batches.map((batch) => batch.id);
  try {
    commit.immediate(batches);
    send({ type: 'committed', ids });
    checkpointWhenIdle();
  } catch (error) {
    send({ type: 'failed', ids, message: (error as Error).message });
  }
  if (closing) close();
});

send({ type: 'ready' });
