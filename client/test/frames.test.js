// Bad input never throws out of the client: frames outside the protocol, server errors and failing
// application handlers are reported through the error event, and the connection carries on.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RtcClientError } from "../src/rtc-client.js";
import { EPOCH, MemoryStorage, established, harness, message, replay, settle } from "./fakes.js";

const QUERY = { mode: "jwt", tokenSource: "query", queryParameter: "token" };

describe("frames and events", () => {
  it("frames outside the protocol are reported as errors and change nothing", () => {
    const h = established();
    const socket = h.ws.last;
    const bad = [
      "not json",
      "[1,2]",
      "42",
      { type: "surprise" },
      { no: "type" },
      { type: "message", seq: 1, epoch: "e1" },
      { type: "message", seq: "1", epoch: "e1", data: 1 },
      { type: "message", seq: 1, data: 1 },
      { type: "replay", epoch: "e1", messages: [{ seq: 1 }], more: false },
      { type: "replay", epoch: "e1", messages: "all", more: false },
      { type: "position", epoch: 5, seq: 1 },
      { type: "reset", epoch: "e2", seq: 1 },
      { type: "error" },
    ];
    for (const frame of bad) assert.doesNotThrow(() => socket.deliver(frame));
    assert.doesNotThrow(() => socket.deliverRaw(new Uint8Array([1, 2, 3]).buffer));

    assert.equal(h.events.errors.length, bad.length + 1);
    assert.ok(h.events.errors.every((e) => e instanceof RtcClientError && e.kind === "frame"));
    assert.match(h.events.errors[3].message, /unknown type "surprise"/);
    assert.deepEqual(h.events.messages, []);
    assert.deepEqual(h.events.resets, []);
    assert.ok(socket.isOpen);
    socket.deliver(message(1));
    assert.deepEqual(h.seqs(), [1]);
  });

  it("an error frame from the server is reported with its code", () => {
    const h = established();
    h.ws.last.deliver({ type: "error", error: "invalid_json", message: "the body is not JSON" });
    assert.deepEqual(h.events.errors.map((e) => [e.kind, e.message]), [["server", "the server answered invalid_json: the body is not JSON"]]);
    assert.equal(h.client.state, "open");
  });

  it("a handler that throws is reported, and the other handlers and later messages still run", () => {
    const h = established();
    h.client.on("message", () => {
      throw new Error("application bug");
    });
    const after = [];
    h.client.on("message", (m) => after.push(m.seq));
    h.ws.last.deliver(message(1));
    h.ws.last.deliver(message(2));
    assert.deepEqual(after, [1, 2]);
    assert.deepEqual(h.events.errors.map((e) => [e.kind, e.cause.message]), [["handler", "application bug"], ["handler", "application bug"]]);
  });

  it("an error handler that throws is swallowed", () => {
    const h = established();
    h.client.on("error", () => {
      throw new Error("and another");
    });
    assert.doesNotThrow(() => h.ws.last.deliver("nope"));
    assert.equal(h.events.errors.length, 1);
  });

  it("on() returns an unsubscribe function, and unknown events are refused", () => {
    const h = established();
    const seen = [];
    const unsubscribe = h.client.on("message", (m) => seen.push(m.seq));
    h.ws.last.deliver(message(1));
    unsubscribe();
    unsubscribe();
    h.ws.last.deliver(message(2));
    assert.deepEqual(seen, [1]);
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.throws(() => h.client.on("mesage", () => {}), /unknown event "mesage"/);
  });

  it("a storage that throws is reported once per failing spell, and messages still flow", () => {
    const storage = new MemoryStorage();
    let failing = false;
    storage.setItem = function (key, value) {
      if (failing) throw new Error("QuotaExceededError");
      this.items.set(key, value);
    };
    const h = established({ storage });
    failing = true;
    for (const seq of [1, 2, 3]) h.ws.last.deliver(message(seq));
    failing = false;
    h.ws.last.deliver(message(4));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4]);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["storage"]);
    assert.equal(storage.getItem(`rtc-pulumi-client:position:ws://127.0.0.1:3001/local:alice`), JSON.stringify({ epoch: "e1", seq: 4 }));
  });

  it("close() from a message handler stops delivery at once; a later connect() resumes from the last emitted", () => {
    const h = established();
    h.client.on("message", (m) => {
      if (m.seq === 2) h.client.close();
    });
    h.ws.last.drop(1006);
    h.clock.runUntil(() => h.ws.last.readyState === 0);
    h.ws.last.accept();
    h.ws.last.deliver(message(5));
    h.ws.last.deliver(replay([1, 2, 3, 4]));
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.equal(h.client.state, "closed");

    h.client.connect();
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.resumes, [{ action: "resume", epoch: EPOCH, after: 2 }]);
  });

  it("getToken returning something other than a non-empty string is reported and retried with backoff", async () => {
    for (const token of [42, "", undefined, { token: "t" }]) {
      let calls = 0;
      const h = harness({ auth: QUERY, getToken: () => (calls++, token) });
      h.client.connect();
      await settle();
      assert.deepEqual(h.events.errors.map((e) => [e.kind, e.cause.message]), [["token", "getToken did not return a non-empty string"]]);
      assert.equal(h.ws.sockets.length, 0);
      h.clock.advance(250);
      await settle();
      assert.equal(calls, 2);
    }
  });

  it("a WebSocket constructor that throws is reported and retried with backoff", () => {
    let attempts = 0;
    class Refusing {
      constructor() {
        attempts++;
        throw new SyntaxError("bad url");
      }
    }
    const h = harness({ WebSocket: Refusing });
    h.client.connect();
    assert.equal(attempts, 1);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["socket"]);
    h.clock.advance(250);
    assert.equal(attempts, 2);
  });
});
