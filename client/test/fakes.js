// Hand-written fakes for the client's unit tests: a clock whose timers run only when the test says (and can
// be throttled like a hidden tab's), WebSockets the test plays the server for, a document, a window and a
// storage. Each records what happened so tests assert behaviour, never timing.
import { RtcClient } from "../src/rtc-client.js";

export const EPOCH = "e1";

/** Time stands still until advance()/runUntil(); timers run in due order, at their due time. */
export class FakeClock {
  #timers = new Map();
  #nextId = 1;
  time = Date.UTC(2025, 0, 1);
  /** When set, a timer runs only at the next multiple of this many ms (Chrome's throttling of hidden tabs). */
  throttleMs = 0;

  now = () => this.time;

  setTimeout = (callback, ms) => {
    const id = this.#nextId++;
    let at = this.time + Math.max(0, ms);
    if (this.throttleMs > 0) at = Math.ceil(at / this.throttleMs) * this.throttleMs;
    this.#timers.set(id, { id, at, callback });
    return id;
  };

  clearTimeout = (id) => {
    this.#timers.delete(id);
  };

  get pendingTimers() {
    return this.#timers.size;
  }

  /** Runs every timer due within ms, then stands at now + ms. */
  advance(ms) {
    const end = this.time + ms;
    for (let timer = this.#earliest(); timer !== undefined && timer.at <= end; timer = this.#earliest()) this.#run(timer);
    this.time = end;
  }

  /** Runs timers in order until the condition holds; returns the time that took. Throws past the limit. */
  runUntil(condition, limitMs = 24 * 3600_000) {
    const start = this.time;
    while (!condition()) {
      const timer = this.#earliest();
      if (timer === undefined || timer.at > start + limitMs) throw new Error(`condition not met within ${limitMs} ms`);
      this.#run(timer);
    }
    return this.time - start;
  }

  /** Time passes while no timer runs: a frozen page, a sleeping laptop. */
  freeze(ms) {
    this.time += ms;
  }

  #earliest() {
    let earliest;
    for (const timer of this.#timers.values())
      if (earliest === undefined || timer.at < earliest.at || (timer.at === earliest.at && timer.id < earliest.id)) earliest = timer;
    return earliest;
  }

  #run(timer) {
    this.#timers.delete(timer.id);
    this.time = Math.max(this.time, timer.at);
    timer.callback();
  }
}

/** A WebSocket constructor whose sockets the test drives from the server's side. */
export function fakeWebSockets() {
  const sockets = [];
  let mostOpenAtOnce = 0;
  class FakeWebSocket {
    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      this.onopen = this.onmessage = this.onclose = this.onerror = null;
      sockets.push(this);
      mostOpenAtOnce = Math.max(mostOpenAtOnce, sockets.filter((s) => s.readyState < 2).length);
    }

    send(text) {
      if (this.readyState !== 1) throw new Error("InvalidStateError: the socket is not open");
      this.sent.push(JSON.parse(text));
    }

    close(code, reason) {
      this.closedWith = { code, reason };
      this.readyState = 3;
    }

    // ---- the server's side ----

    accept() {
      this.readyState = 1;
      this.onopen?.({ type: "open" });
    }

    /** A text frame: a string as is, anything else as its JSON. */
    deliver(frame) {
      this.deliverRaw(typeof frame === "string" ? frame : JSON.stringify(frame));
    }

    deliverRaw(data) {
      this.onmessage?.({ data });
    }

    drop(code = 1006) {
      this.readyState = 3;
      this.onclose?.({ code, reason: "" });
    }

    get isOpen() {
      return this.readyState < 2;
    }

    get resumes() {
      return this.sent.filter((r) => r.action === "resume");
    }

    get pings() {
      return this.sent.filter((r) => r.action === "ping").length;
    }
  }
  return {
    WebSocket: FakeWebSocket,
    sockets,
    get last() {
      return sockets.at(-1);
    },
    get mostOpenAtOnce() {
      return mostOpenAtOnce;
    },
  };
}

/** An EventTarget-like object with visibilityState. */
export class FakeDocument {
  visibilityState = "visible";
  #listeners = new Map();

  addEventListener(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
  }

  removeEventListener(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  dispatch(type) {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) listener({ type });
  }

  listenerCount(type) {
    return this.#listeners.get(type)?.size ?? 0;
  }

  hide() {
    this.visibilityState = "hidden";
    this.dispatch("visibilitychange");
  }

  show() {
    this.visibilityState = "visible";
    this.dispatch("visibilitychange");
  }
}

export class MemoryStorage {
  items = new Map();

  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    this.items.set(key, String(value));
  }
}

export function message(seq, data = `m${seq}`, epoch = EPOCH) {
  return { type: "message", seq, epoch, data };
}

export function replay(seqs, more = false, epoch = EPOCH) {
  return { type: "replay", epoch, messages: seqs.map((seq) => ({ seq, data: `m${seq}` })), more };
}

/** Lets pending promise callbacks (an async getToken) run; no time passes on any clock. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

export const LOCAL_URL = "ws://127.0.0.1:3001/local";

/** A client wired to fakes, with every event it emits recorded. */
export function harness({ config = {}, auth, ...options } = {}) {
  const clock = new FakeClock();
  const ws = fakeWebSockets();
  const document = new FakeDocument();
  const window = new FakeDocument();
  const client = new RtcClient({
    config: {
      url: LOCAL_URL,
      stage: "local",
      region: "us-east-1",
      heartbeatSeconds: 300,
      maxConnectionSeconds: 7200,
      history: { enabled: true, seconds: 86400 },
      auth: auth ?? { mode: "none", queryParameter: "user_id" },
      ...config,
    },
    userId: "alice",
    WebSocket: ws.WebSocket,
    clock,
    random: () => 0.5,
    document,
    window,
    ...options,
  });
  const events = { messages: [], resets: [], states: [], errors: [], all: [] };
  client.on("message", (m) => {
    events.messages.push(m);
    events.all.push(`message ${m.seq ?? m.data}`);
  });
  client.on("reset", (r) => {
    events.resets.push(r);
    events.all.push(`reset ${r.reason}`);
  });
  client.on("state", (s) => events.states.push(s.state));
  client.on("error", (e) => events.errors.push(e));
  const seqs = () => events.messages.map((m) => m.seq);
  return { client, clock, ws, document, window, events, seqs };
}

/** Connects, opens the first socket and answers its resume with a baseline position. */
export function established(options, baseline = 0) {
  const h = harness(options);
  h.client.connect();
  h.ws.last.accept();
  h.ws.last.deliver({ type: "position", epoch: EPOCH, seq: baseline });
  return h;
}
