// Heartbeat and liveness. API Gateway closes a connection idle for 10 minutes, so the client pings every
// heartbeatSeconds; half-open sockets (mobile network changes, sleeping laptops) go unnoticed by the browser
// for minutes, so a ping followed by no frame at all for 10 s means dead. Hidden tabs run timers about once a
// minute, and frozen pages not at all, so the judgement uses elapsed wall-clock time.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { established, harness, message } from "./fakes.js";

const HEARTBEAT = { config: { heartbeatSeconds: 30 } };

describe("heartbeat", () => {
  it("pings every heartbeatSeconds, and any inbound frame counts as liveness", () => {
    const h = established(HEARTBEAT);
    const socket = h.ws.last;
    h.clock.advance(29_999);
    assert.equal(socket.pings, 0);
    h.clock.advance(1);
    assert.equal(socket.pings, 1);
    h.clock.advance(5_000);
    socket.deliver(message(1));
    h.clock.advance(20_000);
    assert.ok(socket.isOpen);
    assert.equal(h.ws.sockets.length, 1);
    assert.equal(socket.pings, 1);
    h.clock.advance(5_000);
    assert.equal(socket.pings, 2);
  });

  it("no frame within 10 s of a ping: the connection is closed as dead and replaced", () => {
    const h = established(HEARTBEAT);
    const socket = h.ws.last;
    h.clock.advance(30_000);
    h.clock.advance(9_999);
    assert.ok(socket.isOpen);
    h.clock.advance(1);
    assert.equal(socket.closedWith?.code, 1000);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["timeout"]);
    assert.equal(h.client.state, "connecting");
    h.clock.runUntil(() => h.ws.sockets.length === 2);
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.resumes, [{ action: "resume", epoch: "e1", after: 0 }]);
  });

  it("a resume that gets no frame at all within 10 s is a dead connection too", () => {
    const h = harness();
    h.client.connect();
    h.ws.last.accept();
    h.clock.advance(10_000);
    assert.equal(h.ws.sockets[0].closedWith?.code, 1000);
  });

  it("a handshake that never completes is abandoned after 30 s and retried with backoff", () => {
    const h = harness();
    h.client.connect();
    assert.equal(h.clock.runUntil(() => h.ws.sockets.length === 2), 30_000 + 250);
    assert.notEqual(h.ws.sockets[0].closedWith, null);
  });

  it("under throttled timers the first late check judges a silent connection dead by elapsed time", () => {
    const h = established(HEARTBEAT);
    const socket = h.ws.last;
    h.clock.throttleMs = 60_000;
    h.clock.runUntil(() => socket.pings === 1);
    // The 10-s deadline's timer can only run at the next minute: it runs 50 s late and concludes at once.
    assert.equal(h.clock.runUntil(() => socket.closedWith !== null), 60_000);
    assert.equal(h.ws.sockets.length, 1);
  });

  it("under throttled timers a connection that answers stays up, however late the checks run", () => {
    const h = established(HEARTBEAT);
    const socket = h.ws.last;
    h.clock.throttleMs = 60_000;
    const start = h.clock.now();
    while (h.clock.now() - start < 10 * 60_000) {
      const pings = socket.pings;
      h.clock.runUntil(() => socket.pings > pings);
      h.clock.advance(2_000);
      socket.deliver({ type: "pong" });
    }
    assert.ok(socket.isOpen);
    assert.equal(h.ws.sockets.length, 1);
    assert.deepEqual(h.events.errors, []);
  });

  it("visibilitychange re-checks at once: a ping unanswered through a frozen spell means dead", () => {
    const h = established(HEARTBEAT);
    const socket = h.ws.last;
    h.clock.advance(30_000);
    h.document.hide();
    h.clock.freeze(5 * 60_000);
    h.document.show();
    assert.equal(socket.closedWith?.code, 1000);
    assert.equal(h.client.state, "connecting");
  });

  it("visibilitychange after a frozen spell with nothing outstanding sends the overdue ping instead", () => {
    const h = established(HEARTBEAT);
    const socket = h.ws.last;
    h.document.hide();
    h.clock.freeze(5 * 60_000);
    h.document.show();
    assert.ok(socket.isOpen);
    assert.equal(socket.pings, 1);
    socket.deliver({ type: "pong" });
    h.clock.advance(10_000);
    assert.ok(socket.isOpen);
  });
});
