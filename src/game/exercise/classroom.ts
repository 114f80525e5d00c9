/**
 * The exercise screens over the classroom server (docs/facilitator-guide-network.md): the
 * `ExerciseClient` the screens talk to, on top of the typed client in src/net. Each laptop
 * holds one seat and gets its own role's view from the server; moves go to the server,
 * which alone decides.
 *
 * The White Cell's laptop is the exception the server allows: it gets the whole scenario
 * and the exercise record entry by entry, and its seat replays them with the same engine
 * (src/net/client.ts), so its console can look over any role's shoulder, draft, build the
 * after-action report and show the state's fingerprint without asking. Its seat board (who
 * holds which role, who is connected) comes from the server as laptops join, drop and
 * return.
 *
 * A seat's credentials are kept in this browser's storage, so a reloaded page or a laptop
 * back on the Wi-Fi returns to the same screen.
 */
import { validateScenario, type Scenario } from '../../core/scenario';
import { ClassroomClient, type SeatRow, type Seat, type Lookup, type Joined, type CreateRequest } from '../../net/client';
import { stateHash } from '../../exercise/engine';
import { viewFor, type RoleView } from '../../exercise/views';
import { scenarioRoles } from '../../exercise/roles';
import type { ExerciseRecord, ExerciseSetup, Move, MoveRejection, RoleId } from '../../exercise/types';
import { ViewListeners, type ActResult, type ClassroomControls, type ConnectionState, type ExerciseClient, type ViewListener } from './client';
import { consoleLink, leaveKind } from '../../net/protocol';
import { classOrigin, forgetSession, joinUrl, saveSession, watchUrl, type ClassroomSession } from './sessions';

export { type ClassroomSession };

/** The server's API and rooms, at this page's own address. */
export function classroomApi(baseUrl = window.location.origin): ClassroomClient {
  return new ClassroomClient(baseUrl);
}

/** The public part of a scenario the classroom server has and this build may not (a facilitator's own era). */
export async function fetchPublicScenario(id: string, baseUrl = window.location.origin): Promise<Scenario | undefined> {
  try {
    const res = await fetch(new URL(`/api/scenarios/${encodeURIComponent(id)}`, baseUrl));
    if (!res.ok) return undefined;
    const checked = validateScenario(await res.json());
    return checked.ok ? checked.scenario : undefined;
  } catch {
    return undefined;
  }
}

export class ClassroomExerciseClient implements ExerciseClient {
  readonly mode = 'classroom' as const;
  private listeners = new ViewListeners((role) => this.view(role));
  private offs: (() => void)[] = [];
  private state: ConnectionState = 'connected';
  readonly classroom?: ClassroomControls;

  private constructor(
    private readonly api: ClassroomClient,
    private readonly connection: Seat,
    readonly session: ClassroomSession,
    private readonly publicScenario: Scenario,
  ) {
    const white = session.role === 'white';
    if (white) {
      this.classroom = {
        code: session.code,
        exerciseId: session.exerciseId,
        joinUrl: joinUrl(session.code),
        watchUrl: watchUrl(session.code),
        consoleUrl: consoleLink(classOrigin(), session),
        board: () => this.connection.board,
        release: async (role) => {
          await this.api.release(session.exerciseId, session.token, role);
        },
        close: async () => {
          await this.api.close(session.exerciseId, session.token);
        },
        download: (file) => this.api.download(session.exerciseId, session.token, file),
      };
      this.offs.push(connection.onRecord(() => this.notify()));
      this.offs.push(connection.onSeats(() => this.notify()));
    } else this.offs.push(connection.onView(() => this.notify()));
    this.offs.push(connection.onDrop(() => this.setState('reconnecting')));
    this.offs.push(connection.onReconnect(() => this.setState('connected')));
    this.offs.push(connection.onLeave((code) => {
      // Released, closed or a console's key replaced: the token no longer opens the room. Anything else (the server
      // stopped, the network went) keeps the seat, to be taken back with the same token.
      const kind = leaveKind(code);
      if (kind !== 'lost') forgetSession(session);
      this.setState(kind);
    }));
  }

  /** Connects a remembered seat (or the White Cell); throws the server's reason when it cannot. */
  static async connect(api: ClassroomClient, session: ClassroomSession, publicScenario: Scenario): Promise<ClassroomExerciseClient> {
    const seat = await api.connect(session.exerciseId, { token: session.token });
    return new ClassroomExerciseClient(api, seat, session, publicScenario);
  }

  /** The facilitator creates the exercise on the server and connects as the White Cell. */
  static async create(api: ClassroomClient, request: CreateRequest, publicScenario: Scenario): Promise<ClassroomExerciseClient> {
    const created = await api.createExercise(request);
    const session: ClassroomSession = { exerciseId: created.exerciseId, code: created.code, token: created.facilitatorToken, role: 'white', scenarioId: request.scenario };
    saveSession(session);
    return ClassroomExerciseClient.connect(api, session, publicScenario);
  }

  /** A participant takes a seat with the join code, and connects to it. */
  static async join(api: ClassroomClient, lookup: Lookup & { code: string }, request: { role: RoleId; holder: string; passphrase?: string }, publicScenario: Scenario): Promise<ClassroomExerciseClient> {
    const joined: Joined = await api.join({ code: lookup.code, role: request.role, holder: request.holder, ...(request.passphrase ? { passphrase: request.passphrase } : {}) });
    const session: ClassroomSession = { exerciseId: joined.exerciseId, code: lookup.code, token: joined.seatToken, role: joined.role, scenarioId: lookup.scenarioId };
    saveSession(session);
    return ClassroomExerciseClient.connect(api, session, publicScenario);
  }

  /** The one role this laptop plays. */
  get seat(): RoleId {
    return this.session.role;
  }

  get scenario(): Scenario {
    // The White Cell has the whole scenario (the Allies' briefs, the MSEL); a seat the public one.
    return this.connection.scenario ?? this.publicScenario;
  }

  get setup(): ExerciseSetup {
    // A seat is never told the seed or the MSEL: it reads as 0 and the scenario's own list.
    return { seed: 0, ...this.connection.setup } as ExerciseSetup;
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  roles(): RoleId[] {
    return scenarioRoles(this.scenario);
  }

  joinAs(role: RoleId): ActResult {
    if (role === this.seat) return { ok: true };
    return { ok: false, code: 'wrong-role', reason: `this laptop holds the seat of ${this.seat}; another role is taken with its own join` };
  }

  async act(move: Move): Promise<ActResult> {
    if (this.state !== 'connected') return { ok: false, code: 'paused', reason: 'the connection to the classroom server is down; the move was not sent' } as MoveRejection;
    const { role, ...payload } = move;
    const result = await this.connection.act(payload as never, role);
    return result.ok ? { ok: true } : ({ ok: false, code: result.code, reason: result.reason, ...(result.detail ? { detail: result.detail } : {}), ...(result.params ? { params: result.params } : {}) } as MoveRejection);
  }

  view(role: RoleId): RoleView {
    // A laptop's own view is its connection's (the White Cell's built once a state, however
    // often the console's clock reads it); the White Cell looks over any other role's
    // shoulder from the whole state it holds.
    const state = this.connection.state;
    if (state && role !== this.seat) return viewFor(this.scenario, state, role);
    return this.connection.view!;
  }

  subscribe(role: RoleId, listener: ViewListener): () => void {
    return this.listeners.add(role, listener);
  }

  record(): ExerciseRecord {
    return this.connection.record ?? { format: 'coopsec-exercise', version: 1, setup: this.setup, log: [] };
  }

  stateHash(): string {
    const state = this.connection.state;
    return state ? stateHash(state) : '';
  }

  close(): void {
    for (const off of this.offs) off();
    this.offs = [];
    this.listeners.clear();
    void this.connection.leave().catch(() => undefined);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.notify();
  }

  private notify(): void {
    this.listeners.notify();
  }

}

export type { SeatRow };
