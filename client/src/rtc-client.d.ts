/** Where the client is: `connecting` also covers the wait between attempts; `idle` also a `pauseWhenHidden` pause. */
export type RtcClientState = "idle" | "connecting" | "open" | "resuming" | "closed";

/** How a client identifies itself, as the stack's `clientConfig.auth` says. */
export type RtcAuthConfig =
  /** `?{queryParameter}={userId}` (development stacks). */
  | { readonly mode: "none"; readonly queryParameter: string }
  /** `?{queryParameter}={token}`. */
  | { readonly mode: "jwt"; readonly tokenSource: "query"; readonly queryParameter: string }
  /** The subprotocols offered, with `"<token>"` replaced by the token: `["rtc", token]`. */
  | { readonly mode: "jwt"; readonly tokenSource: "protocol"; readonly subprotocols: readonly string[] };

/** The stack's `clientConfig` output, as is (`pulumi stack output clientConfig --json`). */
export interface RtcClientConfig {
  readonly url: string;
  readonly stage?: string;
  readonly region?: string;
  /** Seconds between `{"action":"ping"}` frames. */
  readonly heartbeatSeconds: number;
  /**
   * The server's maximum connection duration; the client rolls over at 85-95 % of it, or earlier, 60-120 s before
   * the `exp` of a JWT it connected with. Default 7200.
   */
  readonly maxConnectionSeconds?: number;
  /** With `enabled: false` the client sends no `resume` and reports a break as `reset` (`history_disabled`). */
  readonly history?: { readonly enabled: boolean; readonly seconds?: number };
  readonly auth: RtcAuthConfig;
}

/** A notification. `seq` and `epoch` are null for a message the server did not sequence (history off). */
export interface RtcMessage {
  readonly data: unknown;
  readonly seq: number | null;
  readonly epoch: string | null;
}

/**
 * The client could not recover what it missed: reload the application's state. Server reasons are
 * `epoch_changed`, `expired`, `ahead` and `history_disabled`; the client adds `invalid_resume`.
 */
export interface RtcReset {
  readonly reason: "epoch_changed" | "expired" | "ahead" | "history_disabled" | "invalid_resume" | (string & {});
}

/**
 * The server ended the user's session (signed out, revoked): the client is `closed` and does not reconnect;
 * call `connect()` when the application decides (e.g. after the user signs in again). `reason` is the server's,
 * or `""` when its frame had none (or not a string).
 */
export interface RtcSessionEnded {
  readonly reason: string;
}

export interface RtcStateChange {
  readonly state: RtcClientState;
  readonly previous: RtcClientState;
}

/**
 * Where an error came from: `frame` (an inbound frame outside the protocol, or a message the server's stream
 * does not have), `server` (an `error` frame, or API Gateway's notice that an integration failed), `token`
 * (getToken failed, or, for a refresh before the token's `exp`, returned a token that expires no later than the
 * current one: the client keeps the current connection and tries no further refresh on it), `socket` (the WebSocket constructor or send threw, or a connection closed before it opened:
 * a refused handshake), `timeout` (no frame within 10 s of a request, a resume unanswered for 30 s, or a
 * handshake unfinished after 30 s), `storage`, `handler` (an event handler threw).
 */
export type RtcClientErrorKind = "frame" | "server" | "token" | "socket" | "timeout" | "storage" | "handler";

/** The payload of the `error` event. None of these stop the client. */
export class RtcClientError extends Error {
  readonly kind: RtcClientErrorKind;
}

export interface RtcClientEvents {
  message: RtcMessage;
  reset: RtcReset;
  state: RtcStateChange;
  error: RtcClientError;
  session_ended: RtcSessionEnded;
}

/** `sessionStorage`, `localStorage` or anything with the same two methods. */
export interface RtcStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The part of a WebSocket the client uses: the browser's, Node 22's, or the ws package's. */
export interface RtcWebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // Handlers the client assigns; `never` parameters accept any runtime's handler types.
  onopen: ((event: never) => unknown) | null;
  onmessage: ((event: never) => unknown) | null;
  onclose: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
}

export type RtcWebSocketConstructor = new (url: string, protocols?: string[]) => RtcWebSocketLike;

/** Time and timers; default: `Date.now` and the global `setTimeout`/`clearTimeout`. */
export interface RtcClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where `visibilitychange` fires and `visibilityState` is read; default `globalThis.document`. */
export interface RtcDocumentLike {
  readonly visibilityState: string;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

/** Where `online` fires; default `globalThis` (the browser's window). */
export interface RtcWindowLike {
  addEventListener(type: "online", listener: () => void): void;
  removeEventListener(type: "online", listener: () => void): void;
}

export interface RtcClientOptions {
  /** The stack's `clientConfig` output, as is. */
  config: RtcClientConfig;
  /** Required when `config.auth.mode` is `none`. */
  userId?: string;
  /**
   * Required when `config.auth.mode` is `jwt`; called before every connection attempt. When the token is a JWT
   * with a numeric `exp` (read, not verified), the client refreshes it 60-120 s before `exp` with a rollover;
   * return a token with its lifetime ahead of it (not a cached one about to expire).
   */
  getToken?: () => string | Promise<string>;
  /** Keeps the stream position across page loads (e.g. `sessionStorage`). Default: none. */
  storage?: RtcStorage;
  /** Default `rtc-pulumi-client:position:{url}`, plus `:{userId}` when `config.auth.mode` is `none`. */
  storageKey?: string;
  /** Default: the global `WebSocket`. */
  WebSocket?: RtcWebSocketConstructor;
  /** Upper bound of the reconnect backoff, in seconds. Default 30. */
  backoffCapSeconds?: number;
  /** Close the connection after the page has been hidden this many seconds; reconnect when visible. Default: off. */
  pauseWhenHidden?: number | false;
  /** For tests: time and timers. */
  clock?: RtcClock;
  /** For tests: a source of numbers in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** For tests, or null to ignore visibility. */
  document?: RtcDocumentLike | null;
  /** For tests, or null to ignore `online`. */
  window?: RtcWindowLike | null;
}

export class RtcClient {
  /** Throws a TypeError naming the option when the options cannot work (e.g. `jwt` without `getToken`). */
  constructor(options: RtcClientOptions);
  readonly state: RtcClientState;
  /** Starts connecting (and keeps reconnecting until `close()`). A no-op while already running, except that it ends a `pauseWhenHidden` pause at once. */
  connect(): void;
  /** Closes every connection and stops reconnecting; `connect()` starts again. A `session_ended` frame does the same. */
  close(): void;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof RtcClientEvents>(event: K, handler: (payload: RtcClientEvents[K]) => void): () => void;
}
