/**
 * Group commit of moves (docs/facilitator-guide-network.md, "Saving moves"): the moves the
 * rooms play during one turn of the event loop are written to the database together, in
 * one transaction, once that turn's messages have all been read, and only then is each move
 * acknowledged and shown. Under load many exercises' moves arrive together, and one commit
 * for all of them costs little more than one for each; a move alone waits no longer than
 * the rest of its turn of the event loop. A move is still never acknowledged, nor its view
 * sent, before it is on disk, so killing the server loses nothing anyone was told had
 * happened; if the write fails, every move of the batch is refused and no room shows any.
 */
import type { LogEntry } from '../exercise/types';

/** What is told of a batch's fate: null once written, or why it could not be. */
export type Written = (error: Error | null) => void;

export class GroupCommit {
  private batch: { exerciseId: string; entry: LogEntry; done: Written }[] = [];

  constructor(
    private write: (rows: readonly { exerciseId: string; entry: LogEntry }[]) => void,
    /** Where a room's failure to take the news is told (the server's log): the other rooms are still told theirs. */
    private log: (line: string) => void,
  ) {}

  /** Queues a move for the next write; `done` is called once it is written or has failed. */
  add(exerciseId: string, entry: LogEntry, done: Written): void {
    this.batch.push({ exerciseId, entry, done });
    // After the I/O callbacks of this turn of the event loop: every move read in it joins the batch.
    if (this.batch.length === 1) setImmediate(() => this.flush());
  }

  /** Writes what is queued, then tells each move's room, in the order the moves came. */
  flush(): void {
    const batch = this.batch;
    if (!batch.length) return;
    this.batch = [];
    let failed: Error | null = null;
    try {
      this.write(batch);
    } catch (error) {
      failed = error as Error;
    }
    for (const m of batch)
      try {
        m.done(failed);
      } catch (error) {
        this.log(`exercise ${m.exerciseId}: after its move ${m.entry.seq} was ${failed ? 'refused' : 'saved'}: ${(error as Error).message}`);
      }
  }
}
