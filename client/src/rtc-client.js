// RtcClient: the client of RtcPulumi's WebSocket API (see ../README.md). An ES module with no dependencies:
// browsers, Node 22+ (global WebSocket), or any runtime given a WebSocket constructor. Types: rtc-client.d.ts.

// A connection that sent a request (ping or resume) and then received no frame at all for this long is
// presumed dead: half-open TCP connections (a phone changing network, a laptop waking) are not noticed by the
// browser for minutes.
const LIVENESS_TIMEOUT_MS = 10_000;
// A handshake (token included) that neither opens nor fails in this long is abandoned. API Gateway's
// integration timeout is 29 s, so an authorizer or $connect can legitimately take almost that long.
const CONNECT_TIMEOUT_MS = 30_000;
// A resume whose answer makes no progress for this long (past the 29-s integration timeout) has failed;
// without this a live connection could hold messages back for ever.
const RESUME_TIMEOUT_MS = 30_000;
// An empty replay frame with "more": true asks the client to resume again. When the answer brought nothing, a
// message is still being stored (or the stream has not settled): the next resume waits a moment, spread over
// a random part of the window, so that a stream that stays unsettled for a while does not cause a tight loop.
const RESUME_AGAIN_MIN_MS = 500;
const RESUME_AGAIN_JITTER_MS = 500;
// Full-jitter exponential backoff ("Exponential Backoff And Jitter", AWS Architecture Blog):
// delay = random(0, min(cap, base * 2^attempt)); the attempt count restarts once a connection has stayed open.
const BACKOFF_BASE_MS = 500;
const DEFAULT_BACKOFF_CAP_SECONDS = 30;
const BACKOFF_RESET_AFTER_OPEN_MS = 30_000;
// API Gateway closes with 1001 at its 10-minute idle timeout and its 2-hour maximum duration, and a server that
// ends a connection on purpose (e.g. at its token's expiry) closes normally (1000, or 1005 with no code): not
// failures, so the client comes back at once, spread over under a second. Only the first such close after a
// healthy connection does: one that follows a connection open under 30 s waits out the backoff, so a server
// that accepts and closes at once is not hit in a loop.
const NORMAL_CLOSES = new Set([1000, 1001, 1005]);
const NORMAL_CLOSE_JITTER_MS = 1_000;
// Every close the client asks for itself (the only code besides 3000-4999 a browser lets a page send).
const NORMAL_CLOSURE = 1000;
// Rollover point, as a fraction of the maximum connection duration, drawn per connection so that clients
// connected together do not all roll over together.
const ROLLOVER_FROM = 0.85;
const ROLLOVER_TO = 0.95;
// API Gateway's maximum connection duration, for a clientConfig written before maxConnectionSeconds existed.
const DEFAULT_MAX_CONNECTION_SECONDS = 7_200;
// Refresh before the token's expiry (its JWT "exp", read but not verified): a rollover with a fresh token at a
// random point 60 to 120 s before exp. A token with less than 4 minutes left when its connection opens rolls over
// between a quarter and a half of what it had left before exp, so a short-lived token does not roll over in a loop.
const REFRESH_LEAD_MS = 60_000;
const STORAGE_KEY_PREFIX = "rtc-pulumi-client:position:";
// clientConfig.auth.subprotocols names where the token goes, e.g. ["rtc", "<token>"].
const TOKEN_PLACEHOLDER = "<token>";
const SOCKET_CLOSING = 2;
// Server errors that answer a resume it cannot serve: a malformed position, or a server without the route.
const INVALID_RESUME = "invalid_resume";
const UNKNOWN_ACTION = "unknown_action";
// The reason of the reset the client reports itself when it reconnects to a stream that keeps no history.
const HISTORY_DISABLED = "history_disabled";
const EVENTS = new Set(["message", "reset", "state", "error", "session_ended"]);
// The close reason the client gives the sockets of a session the server ended.
const SESSION_ENDED = "session ended";

// What #accept did with a sequenced message.
const EMITTED = "emitted";
const DUPLICATE = "duplicate";
const GAP = "gap";
const FOREIGN = "foreign";
const STOPPED = "stopped";

/** An error reported through the client's `error` event; `kind` says where it came from. */
export class RtcClientError extends Error {
  constructor(kind, message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "RtcClientError";
    this.kind = kind;
  }
}

/** A frame that is not one the protocol defines. */
class FrameError extends Error {}

/** One WebSocket connection and what the client knows about it. */
class Connection {
  constructor(createdAt, afterBreak) {
    this.createdAt = createdAt;
    // Opened to replace a connection that was lost (not the first one, not a rollover): messages may have
    // been missed in between.
    this.afterBreak = afterBreak;
    this.socket = null;
    this.openedAt = null;
    this.lastPingAt = null;
    // When the oldest request still followed by no frame was sent; null when every request was answered.
    this.awaitingSince = null;
    this.resuming = false;
    this.resumingFromBaseline = false;
    this.resumeProgressAt = null;
    // Whether the answer to the current resume has moved the position forward yet.
    this.resumeAdvanced = false;
    // When to resume again after an empty "more" frame; null when no such resume is due.
    this.resumeAgainAt = null;
    // The position when the last resume was sent, and whether a live message that skipped ahead caused it.
    this.resumeFrom = null;
    this.resumeForGap = false;
    this.rolloverAt = Infinity;
    // When the rollover before the maximum duration is due, and whether rolloverAt is the earlier refresh
    // before the token expires instead.
    this.durationRolloverAt = Infinity;
    this.rolloverForToken = false;
    // The expiry (ms) of the token this connection was opened with; null when unknown (no token, not a JWT, no exp).
    this.tokenExpiresAt = null;
    // For a rollover started to refresh the token: the expiry the new token must exceed.
    this.refreshing = null;
    this.timer = null;
    this.retired = false;
  }
}

export class RtcClient {
  #config;
  #userId;
  #getToken;
  #storage;
  #storageKey;
  #WebSocket;
  #clock;
  #random;
  #document;
  #window;
  #heartbeatMs;
  #maxConnectionMs;
  #historyEnabled;
  #backoffCapMs;
  #pauseAfterMs;
  #handlers = new Map();
  #state = "idle";
  #running = false;
  #paused = false;
  #everOpened = false;
  #active = null;
  #next = null;
  #position = null;
  #held = [];
  // Gap-filling resumes in a row whose answer brought nothing, while a held message still does not follow on.
  #fruitlessGapResumes = 0;
  #attempt = 0;
  #retryTimer = null;
  #pauseTimer = null;
  #hiddenSince = null;
  #storageFailing = false;
  #onVisibilityChange = () => this.#visibilityChanged();
  #onOnline = () => this.#online();

  constructor(options) {
    if (options === null || typeof options !== "object") throw new TypeError("RtcClient: options must be an object");
    const config = readConfig(options.config);
    this.#config = config;
    this.#heartbeatMs = config.heartbeatSeconds * 1000;
    this.#maxConnectionMs = (config.maxConnectionSeconds ?? DEFAULT_MAX_CONNECTION_SECONDS) * 1000;
    // Only an explicit "enabled": false switches the resume protocol off; an older clientConfig without
    // "history" still asks, and the server's answer decides.
    this.#historyEnabled = config.history?.enabled !== false;

    if (config.auth.mode === "none") {
      if (typeof options.userId !== "string" || options.userId === "")
        throw new TypeError('RtcClient: userId (a non-empty string) is required when config.auth.mode is "none"');
      this.#userId = options.userId;
    } else if (typeof options.getToken !== "function") {
      throw new TypeError('RtcClient: getToken (an async function returning a token) is required when config.auth.mode is "jwt"');
    }
    this.#getToken = options.getToken;

    const WebSocketConstructor = options.WebSocket ?? globalThis.WebSocket;
    if (typeof WebSocketConstructor !== "function")
      throw new TypeError("RtcClient: no global WebSocket here; pass a constructor as options.WebSocket (e.g. the ws package's)");
    this.#WebSocket = WebSocketConstructor;

    if (options.storage != null && (typeof options.storage.getItem !== "function" || typeof options.storage.setItem !== "function"))
      throw new TypeError("RtcClient: storage must have getItem and setItem (e.g. sessionStorage)");
    this.#storage = options.storage ?? null;
    if (options.storageKey !== undefined && (typeof options.storageKey !== "string" || options.storageKey === ""))
      throw new TypeError("RtcClient: storageKey must be a non-empty string");
    this.#storageKey = options.storageKey ??
      STORAGE_KEY_PREFIX + config.url + (config.auth.mode === "none" ? ":" + this.#userId : "");

    this.#backoffCapMs = positiveSeconds(options.backoffCapSeconds ?? DEFAULT_BACKOFF_CAP_SECONDS, "backoffCapSeconds") * 1000;
    const pause = options.pauseWhenHidden ?? 0;
    this.#pauseAfterMs = pause === 0 || pause === false ? 0 : positiveSeconds(pause, "pauseWhenHidden") * 1000;

    const clock = options.clock ?? defaultClock();
    if (typeof clock.now !== "function" || typeof clock.setTimeout !== "function" || typeof clock.clearTimeout !== "function")
      throw new TypeError("RtcClient: clock must have now, setTimeout and clearTimeout");
    this.#clock = clock;
    this.#random = options.random ?? Math.random;
    this.#document = "document" in options ? options.document : globalThis.document;
    this.#window = "window" in options ? options.window : globalThis;
  }

  /** idle | connecting | open | resuming | closed */
  get state() {
    return this.#state;
  }

  on(event, handler) {
    if (!EVENTS.has(event)) throw new TypeError(`RtcClient: unknown event "${event}" (message, reset, state, error, session_ended)`);
    if (typeof handler !== "function") throw new TypeError("RtcClient: handler must be a function");
    let handlers = this.#handlers.get(event);
    if (!handlers) this.#handlers.set(event, (handlers = new Set()));
    // A wrapper per subscription, so the same function subscribed twice is unsubscribed one at a time.
    const subscription = (payload) => handler(payload);
    handlers.add(subscription);
    return () => {
      handlers.delete(subscription);
    };
  }

  connect() {
    if (this.#running && !this.#paused) return;
    if (!this.#running) {
      this.#running = true;
      this.#position = this.#loadPosition();
      addListener(this.#document, "visibilitychange", this.#onVisibilityChange);
      addListener(this.#window, "online", this.#onOnline);
    }
    this.#paused = false;
    // An explicit connect() while hidden starts the pauseWhenHidden clock afresh.
    this.#hiddenSince = this.#isHidden() ? this.#clock.now() : null;
    this.#schedulePause();
    this.#attempt = 0;
    this.#connectActive();
  }

  close() {
    this.#stop("closed by the application");
  }

  #stop(reason) {
    this.#running = false;
    this.#paused = false;
    this.#retireAll(reason);
    this.#held = [];
    removeListener(this.#document, "visibilitychange", this.#onVisibilityChange);
    removeListener(this.#window, "online", this.#onOnline);
    this.#setState("closed");
  }

  // ---- connections ------------------------------------------------------------------------------------------

  #connectActive() {
    const connection = new Connection(this.#clock.now(), this.#everOpened);
    this.#active = connection;
    this.#launch(connection);
    this.#refreshState();
  }

  #startRollover() {
    const connection = new Connection(this.#clock.now(), false);
    if (this.#active.rolloverForToken) connection.refreshing = this.#active.tokenExpiresAt;
    this.#next = connection;
    this.#launch(connection);
  }

  #launch(connection) {
    this.#scheduleCheck(connection);
    if (this.#config.auth.mode === "jwt") this.#openWithToken(connection);
    else this.#openSocket(connection, undefined);
  }

  async #openWithToken(connection) {
    let token;
    try {
      token = await this.#getToken();
      if (typeof token !== "string" || token === "") throw new TypeError("getToken did not return a non-empty string");
    } catch (error) {
      if (connection.retired) return;
      this.#reportError("token", "getToken failed; retrying with backoff", error);
      this.#lost(connection, null);
      return;
    }
    if (connection.retired) return;
    connection.tokenExpiresAt = tokenExpiry(token);
    if (connection === this.#next && connection.refreshing !== null && connection.tokenExpiresAt !== null &&
        connection.tokenExpiresAt <= connection.refreshing) {
      this.#staleRefresh(connection);
      return;
    }
    this.#openSocket(connection, token);
  }

  // A refresh whose new token expires no later than the connection's own would gain nothing: the new connection
  // is dropped before it opens, the current one is kept (until the server closes it, or its rollover before the
  // maximum duration), and no further refresh is tried on it: the next connection starts afresh.
  #staleRefresh(connection) {
    const active = this.#active;
    this.#retire(connection, "stale token");
    this.#next = null;
    active.rolloverAt = active.durationRolloverAt;
    active.rolloverForToken = false;
    this.#scheduleCheck(active);
    this.#reportError("token", `getToken returned a token that expires (${new Date(connection.tokenExpiresAt).toISOString()}) no later than the current connection's (${new Date(connection.refreshing).toISOString()}); keeping the current connection, no further refresh on it`);
  }

  #openSocket(connection, token) {
    const { url, auth } = this.#config;
    let socket;
    try {
      if (auth.mode === "none") socket = new this.#WebSocket(withQuery(url, auth.queryParameter, this.#userId));
      else if (auth.tokenSource === "query") socket = new this.#WebSocket(withQuery(url, auth.queryParameter, token));
      else socket = new this.#WebSocket(url, auth.subprotocols.map((p) => (p === TOKEN_PLACEHOLDER ? token : p)));
    } catch (error) {
      this.#reportError("socket", `could not open a WebSocket to ${url}`, error);
      this.#lost(connection, null);
      return;
    }
    connection.socket = socket;
    socket.onopen = () => this.#opened(connection);
    socket.onmessage = (event) => this.#received(connection, event.data);
    socket.onclose = (event) => {
      if (connection.openedAt === null) this.#refused(connection, event?.code ?? null);
      else this.#lost(connection, event?.code ?? null);
    };
    // A browser follows an error with a close event. Some runtimes (Node 20's experimental WebSocket) fire only
    // the error when the handshake is refused: before the socket opened, the error alone ends the attempt,
    // rather than the 30-s connect timeout.
    socket.onerror = () => {
      if (connection.openedAt === null) this.#refused(connection, null);
    };
  }

  // A browser exposes nothing of a failed handshake (a 401, 403 or 429 is close code 1006, like an unreachable
  // host), so the error says what it can: the application would otherwise see only "connecting" for ever.
  #refused(connection, code) {
    if (connection.retired) return;
    this.#reportError("socket", `the connection closed before it opened (code ${code ?? "none"}): the handshake was refused (e.g. a rejected token) or the server is unreachable; retrying with backoff`);
    this.#lost(connection, code);
  }

  #opened(connection) {
    if (connection.retired) return;
    const now = this.#clock.now();
    connection.openedAt = now;
    connection.lastPingAt = now;
    connection.durationRolloverAt = now + (ROLLOVER_FROM + (ROLLOVER_TO - ROLLOVER_FROM) * this.#random()) * this.#maxConnectionMs;
    connection.rolloverAt = connection.durationRolloverAt;
    connection.rolloverForToken = false;
    // The earlier of the two deadlines decides. A token already expired by this clock gets no refresh: the
    // server closes its connection, and that close reconnects with a fresh token.
    const left = connection.tokenExpiresAt === null ? 0 : connection.tokenExpiresAt - now;
    if (left > 0) {
      const refreshAt = connection.tokenExpiresAt - Math.min(REFRESH_LEAD_MS, left / 4) * (1 + this.#random());
      if (refreshAt < connection.rolloverAt) {
        connection.rolloverAt = refreshAt;
        connection.rolloverForToken = true;
      }
    }
    this.#everOpened = true;
    if (this.#historyEnabled) this.#resume(connection);
    else if (connection === this.#next) this.#promote();
    this.#refreshState();
    this.#scheduleCheck(connection);
    // Without history there is nothing to resume: after a break, the application is told it may have missed some.
    if (!this.#historyEnabled && connection.afterBreak) this.#emit("reset", { reason: HISTORY_DISABLED });
  }

  /** The socket closed, or the attempt failed before there was one. */
  #lost(connection, code) {
    if (connection.retired) return;
    const now = this.#clock.now();
    const wasResuming = connection.resuming;
    if (connection.openedAt !== null && now - connection.openedAt >= BACKOFF_RESET_AFTER_OPEN_MS) this.#attempt = 0;
    this.#retire(connection, "lost");
    if (connection === this.#next) {
      // The rollover failed; the current connection carries on and tries again later.
      this.#next = null;
      this.#active.rolloverAt = now + this.#backoffDelay();
      this.#scheduleCheck(this.#active);
      if (wasResuming) this.#releaseHeld(this.#active, false);
    } else if (connection === this.#active) {
      this.#active = null;
      if (this.#next !== null) {
        // Mid-rollover: the new connection simply takes over; its resume covers anything the old one missed.
        this.#active = this.#next;
        this.#next = null;
        if (this.#active.openedAt === null) this.#active.afterBreak = true;
        this.#scheduleCheck(this.#active);
      } else {
        let delay;
        if (NORMAL_CLOSES.has(code) && this.#attempt === 0) {
          delay = this.#random() * NORMAL_CLOSE_JITTER_MS;
          this.#attempt = 1;
        } else {
          delay = this.#backoffDelay();
        }
        this.#retryTimer = this.#clock.setTimeout(() => {
          this.#retryTimer = null;
          this.#connectActive();
        }, delay);
      }
    }
    this.#refreshState();
  }

  #backoffDelay() {
    const ceiling = Math.min(this.#backoffCapMs, BACKOFF_BASE_MS * 2 ** this.#attempt);
    if (ceiling < this.#backoffCapMs) this.#attempt += 1;
    return this.#random() * ceiling;
  }

  /** The rollover's new connection has caught up: it becomes the connection, the old one is closed. */
  #promote() {
    const previous = this.#active;
    this.#active = this.#next;
    this.#next = null;
    if (previous !== null) this.#retire(previous, "rollover");
    this.#scheduleCheck(this.#active);
  }

  #retire(connection, reason) {
    connection.retired = true;
    connection.resuming = false;
    if (connection.timer !== null) this.#clock.clearTimeout(connection.timer);
    connection.timer = null;
    const socket = connection.socket;
    if (socket === null) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      if (socket.readyState < SOCKET_CLOSING) socket.close(NORMAL_CLOSURE, reason);
    } catch {
      // Closing a socket that is already going away has nothing left to do.
    }
  }

  #retireAll(reason) {
    for (const connection of [this.#active, this.#next]) if (connection !== null) this.#retire(connection, reason);
    this.#active = this.#next = null;
    if (this.#retryTimer !== null) this.#clock.clearTimeout(this.#retryTimer);
    if (this.#pauseTimer !== null) this.#clock.clearTimeout(this.#pauseTimer);
    this.#retryTimer = this.#pauseTimer = null;
  }

  // ---- liveness, rollover and the hidden page ----------------------------------------------------------------

  #scheduleCheck(connection) {
    if (connection.retired) return;
    if (connection.timer !== null) this.#clock.clearTimeout(connection.timer);
    let due;
    if (connection.openedAt === null) {
      due = connection.createdAt + CONNECT_TIMEOUT_MS;
    } else {
      due = Math.min(
        connection.lastPingAt + this.#heartbeatMs,
        connection.awaitingSince === null ? Infinity : connection.awaitingSince + LIVENESS_TIMEOUT_MS,
        connection.resuming ? connection.resumeProgressAt + RESUME_TIMEOUT_MS : Infinity,
        connection.resuming && connection.resumeAgainAt !== null ? connection.resumeAgainAt : Infinity,
        connection === this.#active && this.#next === null ? connection.rolloverAt : Infinity,
      );
    }
    connection.timer = this.#clock.setTimeout(() => this.#check(connection), Math.max(0, due - this.#clock.now()));
  }

  // Judges by the wall clock, not by how many timers fired: a hidden tab's timers run about once a minute,
  // and a frozen page's not at all, so a check may come late but never concludes from a count.
  #check(connection) {
    if (connection.timer !== null) this.#clock.clearTimeout(connection.timer);
    connection.timer = null;
    if (connection.retired) return;
    const now = this.#clock.now();
    if (connection.openedAt === null) {
      if (now - connection.createdAt >= CONNECT_TIMEOUT_MS) {
        this.#reportError("timeout", `the connection did not open within ${CONNECT_TIMEOUT_MS / 1000} s`);
        this.#lost(connection, null);
        return;
      }
    } else {
      if (connection.awaitingSince !== null && now - connection.awaitingSince >= LIVENESS_TIMEOUT_MS) {
        this.#reportError("timeout", `no frame within ${LIVENESS_TIMEOUT_MS / 1000} s of a request: the connection is presumed dead`);
        this.#lost(connection, null);
        return;
      }
      if (connection.resuming && now - connection.resumeProgressAt >= RESUME_TIMEOUT_MS) {
        this.#reportError("timeout", `no answer to resume within ${RESUME_TIMEOUT_MS / 1000} s; reconnecting to resume again`);
        this.#lost(connection, null);
        return;
      }
      if (connection.resuming && connection.resumeAgainAt !== null && now >= connection.resumeAgainAt) this.#resume(connection);
      if (now - connection.lastPingAt >= this.#heartbeatMs) this.#ping(connection);
      if (connection === this.#active && this.#next === null && now >= connection.rolloverAt) this.#startRollover();
    }
    this.#scheduleCheck(connection);
  }

  #ping(connection) {
    connection.lastPingAt = this.#clock.now();
    this.#send(connection, { action: "ping" });
  }

  #send(connection, request) {
    try {
      connection.socket.send(JSON.stringify(request));
    } catch (error) {
      // The socket is closing; its close event decides what happens next.
      this.#reportError("socket", `could not send ${request.action}`, error);
      return;
    }
    connection.awaitingSince ??= this.#clock.now();
    this.#scheduleCheck(connection);
  }

  #isHidden() {
    return this.#document?.visibilityState === "hidden";
  }

  #visibilityChanged() {
    if (!this.#running) return;
    if (this.#isHidden()) {
      this.#hiddenSince ??= this.#clock.now();
      this.#schedulePause();
      return;
    }
    this.#hiddenSince = null;
    if (this.#pauseTimer !== null) this.#clock.clearTimeout(this.#pauseTimer);
    this.#pauseTimer = null;
    if (this.#paused) {
      this.#paused = false;
      this.#attempt = 0;
      this.#connectActive();
      return;
    }
    // Timers may not have run while hidden: judge liveness now, and ping if one is due.
    for (const connection of [this.#active, this.#next]) if (connection !== null) this.#check(connection);
  }

  #schedulePause() {
    if (this.#pauseTimer !== null) this.#clock.clearTimeout(this.#pauseTimer);
    this.#pauseTimer = null;
    if (this.#pauseAfterMs === 0 || this.#hiddenSince === null) return;
    const due = this.#hiddenSince + this.#pauseAfterMs;
    this.#pauseTimer = this.#clock.setTimeout(() => {
      this.#pauseTimer = null;
      if (this.#pauseDue(this.#clock.now())) this.#pause();
    }, Math.max(0, due - this.#clock.now()));
  }

  #pauseDue(now) {
    return this.#running && !this.#paused && this.#pauseAfterMs > 0 && this.#hiddenSince !== null &&
      now - this.#hiddenSince >= this.#pauseAfterMs;
  }

  #pause() {
    this.#retireAll("page hidden");
    this.#paused = true;
    this.#refreshState();
  }

  #online() {
    if (!this.#running || this.#paused) return;
    if (this.#retryTimer !== null) {
      this.#clock.clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#connectActive();
      return;
    }
    // The network changed under an open socket, which may be half-open now: ask, and let liveness judge.
    for (const connection of [this.#active, this.#next])
      if (connection !== null && connection.openedAt !== null) this.#ping(connection);
  }

  // ---- frames -----------------------------------------------------------------------------------------------

  #received(connection, raw) {
    if (connection.retired) return;
    connection.awaitingSince = null;
    let frame;
    try {
      frame = readFrame(raw);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.#reportError("frame", error.message);
      return;
    }
    switch (frame.type) {
      case "pong":
        break;
      case "message":
        this.#onMessage(connection, frame);
        break;
      case "replay":
        this.#onReplay(connection, frame);
        break;
      case "position":
        this.#onPosition(connection, frame);
        break;
      case "reset":
        this.#onReset(connection, frame);
        break;
      case "error":
        this.#onServerError(connection, frame);
        break;
      case "session_ended":
        this.#onSessionEnded(frame);
        break;
      case undefined:
        this.#onGatewayNotice(connection, frame);
        break;
    }
  }

  // The server ended the user's session (e.g. signed out, revoked): it posts this frame to every connection of
  // the user, then closes them with no useful code (API Gateway's DELETE @connections cannot set one), so the
  // frame is the only way to know. The client stops as close() does: every socket (both of a rollover) and
  // every timer, no reconnect; the state becomes "closed" before the event, so that a handler may call
  // connect() at once. Sockets are retired, so a duplicate on the other socket of a rollover, or anything that
  // follows on the closing socket, is never read: the event is emitted once.
  #onSessionEnded(frame) {
    this.#stop(SESSION_ENDED);
    this.#emit("session_ended", { reason: frame.reason });
  }

  #onMessage(connection, frame) {
    if (frame.seq === null) {
      // No sequence (history off, or a raw @connections post): nothing to order or deduplicate by, so it is
      // emitted as it comes, from the current connection only while a rollover overlaps two.
      if (connection === this.#active) this.#emit("message", { data: frame.data, seq: null, epoch: null });
      return;
    }
    this.#takeLive(connection, { seq: frame.seq, epoch: frame.epoch, data: frame.data });
    this.#refreshState();
  }

  // One answer to a resume is one or more replay frames. A frame with messages and "more": true is always
  // followed by another frame of the same answer; "more": false ends it; an empty frame with "more": true ends
  // it too, asking for another resume from where the client got to (the server stopped at its limits, or a
  // message is still being stored).
  #onReplay(connection, frame) {
    const messages = frame.messages.sort(bySeq).map((message) => ({ ...message, epoch: frame.epoch }));
    if (!connection.resuming) {
      // No resume asked for it (a raw post imitating one): its messages are no more trusted than live ones,
      // so one that skips ahead is asked about rather than taken as the new position.
      for (const message of messages) this.#takeLive(connection, message);
      this.#refreshState();
      return;
    }
    const before = this.#position;
    connection.resumeProgressAt = this.#clock.now();
    for (const message of messages) this.#accept(message, true);
    // A handler may have closed the client meanwhile.
    if (!connection.resuming) return;
    if (this.#position !== before) connection.resumeAdvanced = true;
    if (!frame.more) this.#finishResume(connection);
    else if (frame.messages.length > 0) return; // the next frame of this answer follows
    else if (connection.resumeAdvanced) this.#resume(connection);
    else this.#resumeSoon(connection);
  }

  #onPosition(connection, frame) {
    if (!connection.resuming) return;
    if (connection.resumingFromBaseline && this.#position === null) {
      // The baseline. Messages that arrived live while it was taken and are at or below it are emitted as they
      // are (they were published as the client connected); the stream follows on from the baseline. A null
      // epoch (the user has no stream yet) is a baseline too: {epoch: null, seq: 0}, from which every message
      // of the stream created later follows on.
      const early = (message) => message.epoch === frame.epoch && message.seq <= frame.seq;
      for (const message of this.#held.filter(early).sort(bySeq)) this.#accept(message, true);
      this.#held = this.#held.filter((message) => !early(message));
      if (this.#position === null || this.#position.seq < frame.seq) this.#setPosition({ epoch: frame.epoch, seq: frame.seq });
    }
    this.#finishResume(connection);
  }

  #onReset(connection, frame) {
    // The server sends a reset only to answer a resume; one nobody asked for (a raw post imitating it) would
    // move the position past messages still to come.
    if (!connection.resuming) {
      this.#reportError("frame", `received a "reset" frame (${frame.reason}) that no resume asked for; ignored`);
      return;
    }
    this.#setPosition({ epoch: frame.epoch, seq: frame.seq });
    this.#emit("reset", { reason: frame.reason });
    this.#finishResume(connection);
  }

  #onServerError(connection, frame) {
    const detail = typeof frame.message === "string" ? `: ${frame.message}` : "";
    this.#reportError("server", `the server answered ${frame.error}${detail}`);
    if (!connection.resuming) return;
    if (frame.error === INVALID_RESUME) {
      // The server cannot use this position, so what was missed cannot be known: start afresh and say so.
      this.#setPosition(null);
      this.#emit("reset", { reason: INVALID_RESUME });
      this.#finishResume(connection);
    } else if (frame.error === UNKNOWN_ACTION) {
      // A server without the resume route: nothing can fill a gap, so the held messages go out as they are
      // (asking again would only repeat this answer).
      for (const message of this.#held.sort(bySeq)) this.#accept(message, true);
      this.#held = [];
      this.#finishResume(connection);
    }
  }

  // API Gateway's own notice when a route's integration failed or timed out, e.g.
  // {"message":"Internal server error","connectionId":"...","requestId":"..."}.
  #onGatewayNotice(connection, frame) {
    this.#reportError("server", `API Gateway answered "${frame.message}"`);
    // It may answer the resume, which then never comes: reconnect (with backoff) and resume again; the
    // messages held meanwhile wait for that answer.
    if (connection.resuming) this.#lost(connection, null);
  }

  // ---- ordering ---------------------------------------------------------------------------------------------

  #resume(connection) {
    const position = this.#position;
    connection.resuming = true;
    connection.resumingFromBaseline = position === null;
    connection.resumeProgressAt = this.#clock.now();
    connection.resumeAdvanced = false;
    connection.resumeAgainAt = null;
    connection.resumeFrom = position;
    this.#send(connection, position === null ? { action: "resume" } : { action: "resume", epoch: position.epoch, after: position.seq });
  }

  /** Resumes after a random 0.5-1 s, holding live messages meanwhile: the server's stream has not settled. */
  #resumeSoon(connection) {
    const now = this.#clock.now();
    connection.resuming = true;
    connection.resumeProgressAt = now;
    connection.resumeAgainAt = now + RESUME_AGAIN_MIN_MS + this.#random() * RESUME_AGAIN_JITTER_MS;
    this.#scheduleCheck(connection);
  }

  #finishResume(connection) {
    if (this.#position !== connection.resumeFrom) this.#fruitlessGapResumes = 0;
    else if (connection.resumeForGap) this.#fruitlessGapResumes += 1;
    connection.resuming = false;
    connection.resumeAgainAt = null;
    if (connection === this.#next) this.#promote();
    // Replayed messages were emitted as they came; the live ones held meanwhile follow, in seq order.
    this.#releaseHeld(this.#active, true);
    this.#refreshState();
  }

  /**
   * A live message: emitted if it follows on; otherwise it waits, and one resume fills the gap. When the server
   * answered a gap's resume with nothing, it may not have settled (a message delivered live ahead of one still
   * being stored): the next resume waits 0.5-1 s. Nothing after that either: the message is not in the server's
   * stream (a raw post imitating the envelope), and asking again would only loop.
   */
  #takeLive(connection, message) {
    if (this.#anyResuming()) {
      this.#held.push(message);
      return;
    }
    const outcome = this.#accept(message, false);
    if (outcome !== GAP && outcome !== FOREIGN) return;
    if (this.#fruitlessGapResumes >= 2) {
      this.#reportError("frame", `a message with seq ${message.seq} (epoch ${JSON.stringify(message.epoch)}) is not in the server's stream after two resumes; ignored`);
      return;
    }
    this.#held.push(message);
    connection.resumeForGap = true;
    if (this.#fruitlessGapResumes === 0) this.#resume(connection);
    else this.#resumeSoon(connection);
  }

  // Held messages go through the live rules again, in seq order: one that still does not follow on (it was
  // delivered out of order, ahead of one still in flight) starts one more resume rather than being skipped.
  // Once the server has answered, it has named the current epoch, so a held message of another is stale.
  #releaseHeld(connection, answered) {
    if (this.#anyResuming()) return;
    const held = this.#held.sort(bySeq);
    this.#held = [];
    for (const message of held) {
      if (answered && this.#position?.epoch != null && message.epoch !== this.#position.epoch) continue;
      this.#takeLive(connection, message);
    }
    // Every held message is settled (emitted or dropped): the next gap starts afresh.
    if (!this.#anyResuming()) this.#fruitlessGapResumes = 0;
  }

  #anyResuming() {
    return this.#active?.resuming === true || this.#next?.resuming === true;
  }

  // Emits a sequenced message at most once and in order. Live messages must follow the position exactly;
  // replayed ones are what the server has, so a hole in a replay is final (as is one below the baseline).
  // A position with a null epoch (the user had no stream) is followed by any stream, from its seq 1.
  #accept(message, holesAreFinal) {
    // A handler may close() the client in the middle of a replay or of the held messages: nothing more is
    // emitted, and the position stays at the last message emitted, for the next connect() to resume from.
    if (!this.#running || this.#paused) return STOPPED;
    const position = this.#position;
    if (position !== null) {
      if (position.epoch !== null && message.epoch !== position.epoch) return FOREIGN;
      if (message.seq <= position.seq) return DUPLICATE;
      if (!holesAreFinal && message.seq !== position.seq + 1) return GAP;
    }
    this.#setPosition({ epoch: message.epoch, seq: message.seq });
    this.#emit("message", { data: message.data, seq: message.seq, epoch: message.epoch });
    return EMITTED;
  }

  // ---- position storage -------------------------------------------------------------------------------------

  #loadPosition() {
    if (this.#storage === null) return this.#position;
    let text;
    try {
      text = this.#storage.getItem(this.#storageKey);
    } catch (error) {
      this.#reportError("storage", "could not read the stored position", error);
      return this.#position;
    }
    if (text === null || text === undefined) return this.#position;
    try {
      const stored = JSON.parse(text);
      if (stored === null) return null;
      if (typeof stored?.epoch === "string" && isSeq(stored.seq, 0)) return { epoch: stored.epoch, seq: stored.seq };
      if (stored?.epoch === null && stored.seq === 0) return { epoch: null, seq: 0 };
    } catch {
      // Reported below, like any other malformed value.
    }
    this.#reportError("storage", `the stored position under "${this.#storageKey}" is not {epoch, seq}; starting without one`);
    return null;
  }

  #setPosition(position) {
    this.#position = position;
    if (this.#storage === null) return;
    try {
      this.#storage.setItem(this.#storageKey, JSON.stringify(position));
      this.#storageFailing = false;
    } catch (error) {
      // Reported once per failing spell, not once per message.
      if (!this.#storageFailing) this.#reportError("storage", "could not store the position", error);
      this.#storageFailing = true;
    }
  }

  // ---- state and events -------------------------------------------------------------------------------------

  #refreshState() {
    if (!this.#running) return;
    const active = this.#active;
    if (this.#paused) this.#setState("idle");
    else if (active === null || active.openedAt === null) this.#setState("connecting");
    else if (active.resuming) this.#setState("resuming");
    else this.#setState("open");
  }

  #setState(state) {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.#emit("state", { state, previous });
  }

  #reportError(kind, message, cause) {
    this.#emit("error", new RtcClientError(kind, message, cause));
  }

  #emit(event, payload) {
    const handlers = this.#handlers.get(event);
    if (!handlers) return;
    for (const handler of [...handlers]) {
      try {
        handler(payload);
      } catch (error) {
        // An application handler's exception must not break the client; an error handler's has nowhere to go.
        if (event !== "error") this.#reportError("handler", `a "${event}" handler threw`, error);
      }
    }
  }
}

// ---- helpers ------------------------------------------------------------------------------------------------

function readConfig(config) {
  if (config === null || typeof config !== "object") throw new TypeError("RtcClient: config (the stack's clientConfig output) is required");
  if (typeof config.url !== "string" || config.url === "") throw new TypeError("RtcClient: config.url must be a non-empty string");
  positiveSeconds(config.heartbeatSeconds, "config.heartbeatSeconds");
  if (config.maxConnectionSeconds !== undefined) positiveSeconds(config.maxConnectionSeconds, "config.maxConnectionSeconds");
  if (config.history !== undefined && (config.history === null || typeof config.history.enabled !== "boolean"))
    throw new TypeError("RtcClient: config.history must be {enabled, seconds}");
  const auth = config.auth;
  const fine = auth !== null && typeof auth === "object" && (
    (auth.mode === "none" && nonEmpty(auth.queryParameter)) ||
    (auth.mode === "jwt" && auth.tokenSource === "query" && nonEmpty(auth.queryParameter)) ||
    (auth.mode === "jwt" && auth.tokenSource === "protocol" && Array.isArray(auth.subprotocols) &&
      auth.subprotocols.includes(TOKEN_PLACEHOLDER) && auth.subprotocols.every(nonEmpty)));
  if (!fine) throw new TypeError('RtcClient: config.auth must be {mode:"none",queryParameter}, {mode:"jwt",tokenSource:"query",queryParameter} or {mode:"jwt",tokenSource:"protocol",subprotocols}');
  return config;
}

function positiveSeconds(value, name) {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new TypeError(`RtcClient: ${name} must be a positive number of seconds`);
  return value;
}

function nonEmpty(value) {
  return typeof value === "string" && value !== "";
}

function isSeq(value, minimum) {
  return Number.isSafeInteger(value) && value >= minimum;
}

/** Validates an inbound frame against the protocol; throws FrameError when it is not one of its frames. */
function readFrame(raw) {
  if (typeof raw !== "string") throw new FrameError("received a binary frame; the protocol is JSON text");
  let frame;
  try {
    frame = JSON.parse(raw);
  } catch {
    throw new FrameError(`received a frame that is not JSON (${raw.length} characters)`);
  }
  if (frame === null || typeof frame !== "object" || Array.isArray(frame)) throw new FrameError("received a frame that is not a JSON object");
  const bad = (what) => new FrameError(`received a "${frame.type}" frame ${what}`);
  switch (frame.type) {
    case "pong":
      return frame;
    case "message": {
      if (!("data" in frame)) throw bad("without data");
      const seq = frame.seq ?? null;
      const epoch = frame.epoch ?? null;
      if (seq === null && epoch === null) return { type: "message", seq: null, epoch: null, data: frame.data };
      if (!isSeq(seq, 1) || typeof epoch !== "string") throw bad("with an invalid seq or epoch");
      return { type: "message", seq, epoch, data: frame.data };
    }
    case "replay": {
      // The epoch is null only in the empty answer to a position {epoch: null, seq: 0} when there is still no stream.
      const epochFine = typeof frame.epoch === "string" || (frame.epoch === null && Array.isArray(frame.messages) && frame.messages.length === 0);
      if (!epochFine || typeof frame.more !== "boolean" || !Array.isArray(frame.messages))
        throw bad("without epoch, messages and more");
      const messages = frame.messages.map((m) => {
        if (m === null || typeof m !== "object" || !isSeq(m.seq, 1) || !("data" in m)) throw bad("with a message that lacks seq or data");
        return { seq: m.seq, data: m.data };
      });
      return { type: "replay", epoch: frame.epoch, more: frame.more, messages };
    }
    case "position":
    case "reset": {
      if ((frame.epoch !== null && typeof frame.epoch !== "string") || !isSeq(frame.seq, 0)) throw bad("with an invalid epoch or seq");
      if (frame.type === "reset" && typeof frame.reason !== "string") throw bad("without a reason");
      return frame;
    }
    case "error":
      if (typeof frame.error !== "string") throw bad("without an error code");
      return frame;
    case "session_ended":
      // Tolerated without a string reason: ending the session matters more than why; the reason is then "".
      return { type: "session_ended", reason: typeof frame.reason === "string" ? frame.reason : "" };
    case undefined:
      if (typeof frame.message !== "string") throw new FrameError("received a frame without a type");
      return frame;
    default:
      throw new FrameError(`received a frame of unknown type ${JSON.stringify(frame.type ?? null)}`);
  }
}

/**
 * The expiry (ms since the epoch) of a JWT, from its payload's numeric "exp"; null for anything else (not a
 * three-part JWS, not base64url JSON, no numeric exp). Read, not verified: only the server's check counts.
 */
function tokenExpiry(token) {
  try {
    const parts = token.split(".");
    if (parts.length !== 3 || typeof globalThis.atob !== "function") return null;
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const binary = globalThis.atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    const exp = payload?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

function bySeq(a, b) {
  return a.seq - b.seq;
}

function withQuery(url, name, value) {
  return `${url}${url.includes("?") ? "&" : "?"}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

function defaultClock() {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle),
  };
}

function addListener(target, type, listener) {
  if (typeof target?.addEventListener === "function") target.addEventListener(type, listener);
}

function removeListener(target, type, listener) {
  if (typeof target?.removeEventListener === "function") target.removeEventListener(type, listener);
}
