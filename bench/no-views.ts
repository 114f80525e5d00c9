/**
 * `npm run bench:server -- --no-views` loads this into the server before it starts: each
 * room then sends every connection, after a move, an empty patch numbered as the real one
 * would be, instead of building its role's view and the patch from the view before (the
 * first, whole views are still real). The server is otherwise the same — engine, sharing,
 * SQLite, validation, Colyseus, sockets — so the bench then measures what all of it but the
 * views costs: the ceiling any work on the views could reach on this machine
 * (docs/facilitator-guide-network.md, "Views on the wire"). For the benchmark only; never in
 * a classroom.
 */
import { getMessageBytes, Protocol } from '@colyseus/core';
import { ExerciseRoom } from '../src/server/room';
import type { RoleFeed } from '../src/server/feed';
import type { RoleId } from '../src/exercise/types';

type Patches = (behind: RoleId[]) => Map<RoleId, { base: number; bytes: Buffer }>;
/** The room's private parts this stand-in needs. */
type Inside = { feeds: Map<RoleId, RoleFeed>; moves: number; patches: Patches };

const room = ExerciseRoom.prototype as unknown as Inside;
const real = room.patches;
room.patches = function (this: Inside, behind: RoleId[]) {
  if (!behind.every((r) => this.feeds.has(r))) return real.call(this, behind);
  const updates = new Map<RoleId, { base: number; bytes: Buffer }>();
  for (const role of behind) {
    const feed = this.feeds.get(role)!;
    const base = feed.seq;
    feed.seq++;
    feed.at = this.moves;
    updates.set(role, { base, bytes: getMessageBytes.raw(Protocol.ROOM_DATA, 'patch', `{"seq":${feed.seq},"base":${base},"d":{"set":{}}}`) });
  }
  return updates;
};
