// A session the server ended (issue 24): the server posts {"type":"session_ended","reason":"..."} to every
// connection of the user and then closes them with no useful code. The client stops as close() does (state
// "closed", no reconnect, every socket closed, rollover included), emits session_ended once with the reason,
// and connect() starts a fresh session when the application decides.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EPOCH, MemoryStorage, established, harness, message, replay, settle } from "./fakes.js";

const SIGNED_OUT = { type: "session_ended", reason: "signed_out" };
// Well past every backoff (30-s cap), heartbeat (300 s), rollover (2 h) and connect timeout.
const LONG_AFTER_MS = 24 * 3600_000;

/** An established client that also records session_ended events. */
function endable(options) {
  const h = established(options);
  const ended = [];
  h.client.on("session_ended", (e) => ended.push(e));
  return { ...h, ended };
}

describe("session_ended", () => {
  it("emits session_ended with the reason, after the state becomes closed", () => {
    const h = endable();
    const order = [];
    h.client.on("state", (s) => order.push(`state ${s.state}`));
    h.client.on("session_ended", (e) => order.push(`session_ended ${e.reason}`));
    h.ws.last.deliver(SIGNED_OUT);
    assert.deepEqual(h.ended, [{ reason: "signed_out" }]);
    assert.deepEqual(order, ["state closed", "session_ended signed_out"]);
    assert.equal(h.client.state, "closed");
    assert.deepEqual(h.events.states, ["connecting", "resuming", "open", "closed"]);
    assert.deepEqual(h.events.errors, []);
  });

  it("closes the socket and does not reconnect when the server's close follows, nor ever after", () => {
    const h = endable();
    const socket = h.ws.last;
    socket.deliver(SIGNED_OUT);
    assert.deepEqual(socket.closedWith, { code: 1000, reason: "session ended" });
    // The server's close (DELETE @connections: no useful code) reaches the client after the frame.
    socket.drop(1006);
    assert.equal(h.clock.pendingTimers, 0);
    h.clock.advance(LONG_AFTER_MS);
    h.window.dispatch("online");
    h.document.hide();
    h.document.show();
    assert.equal(h.ws.sockets.length, 1);
    assert.equal(h.client.state, "closed");
    assert.equal(h.ended.length, 1);
  });

  it("a session ended on a connection that replaced a lost one leaves no timer behind", () => {
    const h = endable();
    h.ws.last.drop(1005);
    h.clock.runUntil(() => h.ws.sockets.length === 2);
    const second = h.ws.last;
    second.accept();
    second.deliver(SIGNED_OUT);
    h.clock.advance(LONG_AFTER_MS);
    assert.equal(h.ws.sockets.length, 2);
    assert.equal(h.clock.pendingTimers, 0);
  });

  for (const which of ["new", "old"]) {
    it(`during a rollover, the frame on the ${which} socket closes both and is emitted once`, () => {
      const h = endable({ config: { maxConnectionSeconds: 100 } });
      const old = h.ws.last;
      h.clock.runUntil(() => h.ws.sockets.length === 2);
      const next = h.ws.last;
      next.accept();
      const [first, second] = which === "new" ? [next, old] : [old, next];
      first.deliver({ type: "session_ended", reason: "revoked" });
      // The server posts to every connection of the user: the duplicate on the other socket is not read.
      second.deliver({ type: "session_ended", reason: "revoked" });
      assert.deepEqual(h.ended, [{ reason: "revoked" }]);
      assert.equal(old.isOpen, false);
      assert.equal(next.isOpen, false);
      assert.equal(old.closedWith?.reason, "session ended");
      assert.equal(next.closedWith?.reason, "session ended");
      old.drop(1006);
      next.drop(1006);
      h.clock.advance(LONG_AFTER_MS);
      assert.equal(h.ws.sockets.length, 2);
      assert.equal(h.client.state, "closed");
      assert.deepEqual(h.events.states.filter((s) => s === "closed"), ["closed"]);
    });
  }

  it("during a rollover whose new socket is still connecting, that attempt is abandoned too", () => {
    const h = endable({ config: { maxConnectionSeconds: 100 } });
    const old = h.ws.last;
    h.clock.runUntil(() => h.ws.sockets.length === 2);
    const next = h.ws.last;
    old.deliver(SIGNED_OUT);
    assert.equal(next.isOpen, false);
    next.accept(); // a handshake that completes anyway is ignored
    h.clock.advance(LONG_AFTER_MS);
    assert.equal(h.ws.sockets.length, 2);
    assert.deepEqual(next.sent, []);
  });

  it("messages that arrive after it on the closing socket are not delivered", () => {
    const h = endable();
    const socket = h.ws.last;
    socket.deliver(message(1));
    socket.deliver(SIGNED_OUT);
    socket.deliver(message(2));
    socket.deliver({ type: "message", data: "unsequenced" });
    socket.deliver(replay([3]));
    assert.deepEqual(h.seqs(), [1]);
    assert.equal(h.ended.length, 1);
  });

  it("messages held for a resume are dropped, not delivered after it", () => {
    const h = endable();
    const socket = h.ws.last;
    socket.deliver(message(2)); // a gap: held, and a resume asked
    assert.equal(socket.resumes.length, 2);
    socket.deliver(SIGNED_OUT);
    assert.deepEqual(h.seqs(), []);
  });

  for (const [name, frame, reason] of [
    ["without a reason", { type: "session_ended" }, ""],
    ["with a numeric reason", { type: "session_ended", reason: 42 }, ""],
    ["with a null reason", { type: "session_ended", reason: null }, ""],
    ["with an empty reason", { type: "session_ended", reason: "" }, ""],
  ]) {
    it(`a frame ${name} still ends the session, with the reason ""`, () => {
      const h = endable();
      h.ws.last.deliver(frame);
      assert.deepEqual(h.ended, [{ reason }]);
      assert.equal(h.client.state, "closed");
      assert.equal(h.ws.last.isOpen, false);
      assert.deepEqual(h.events.errors, []);
    });
  }

  it("a handler may call connect() from the event; nothing is emitted twice", () => {
    const h = endable();
    h.client.on("session_ended", () => h.client.connect());
    h.ws.sockets[0].deliver(SIGNED_OUT);
    assert.equal(h.ws.sockets.length, 2);
    assert.equal(h.ws.sockets[0].isOpen, false);
    assert.equal(h.client.state, "connecting");
    assert.equal(h.ended.length, 1);
  });

  it("connect() afterwards starts a fresh session: a new socket, a fresh token, resuming from the stored position", async () => {
    let calls = 0;
    const storage = new MemoryStorage();
    const h = harness({
      auth: { mode: "jwt", tokenSource: "query", queryParameter: "token" },
      getToken: async () => `token-${++calls}`,
      storage,
    });
    const ended = [];
    h.client.on("session_ended", (e) => ended.push(e));
    h.client.connect();
    await settle();
    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: EPOCH, seq: 0 });
    h.ws.last.deliver(message(1));
    h.ws.last.deliver(SIGNED_OUT);
    h.ws.last.drop(1006);
    h.clock.advance(LONG_AFTER_MS);
    await settle();
    assert.equal(calls, 1);
    assert.equal(h.ws.sockets.length, 1);

    // The user signs in again.
    h.client.connect();
    await settle();
    assert.equal(calls, 2);
    assert.equal(h.ws.sockets.length, 2);
    assert.ok(h.ws.last.url.endsWith("?token=token-2"));
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.resumes, [{ action: "resume", epoch: EPOCH, after: 1 }]);
    h.ws.last.deliver(replay([2]));
    assert.equal(h.client.state, "open");
    assert.deepEqual(h.seqs(), [1, 2]);
    // And a second end of session is reported again: once per session.
    h.ws.last.deliver({ type: "session_ended", reason: "again" });
    assert.deepEqual(ended, [{ reason: "signed_out" }, { reason: "again" }]);
  });

  it("the event is subscribable and unsubscribable like the others", () => {
    const h = established();
    const seen = [];
    const off = h.client.on("session_ended", (e) => seen.push(e.reason));
    off();
    h.ws.last.deliver(SIGNED_OUT);
    assert.deepEqual(seen, []);
    assert.equal(h.client.state, "closed");
  });
});
