// Reconnecting: full-jitter exponential backoff (0.5 s base, 30 s cap by default), reset after 30 s open;
// a normal close (API Gateway's 1001 "going away" at its 10-minute idle timeout and 2-hour maximum, or a
// server's 1000/1005, e.g. at a token's expiry) comes back within a second;
// the browser's online event skips the wait.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { established, harness } from "./fakes.js";

/** Refuses n handshakes in a row (a browser sees a refused handshake only as 1006) and returns each wait. */
function refuse(h, n) {
  const waits = [];
  for (let i = 0; i < n; i++) {
    const count = h.ws.sockets.length;
    h.ws.last.drop(1006);
    waits.push(h.clock.runUntil(() => h.ws.sockets.length > count));
  }
  return waits;
}

describe("backoff", () => {
  it("refused connections wait random(0, min(cap, 0.5 s * 2^attempt)): the upper bound", () => {
    const h = harness({ random: () => 0.999 });
    h.client.connect();
    const ceilings = [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000];
    assert.deepEqual(refuse(h, ceilings.length), ceilings.map((c) => 0.999 * c));
    assert.equal(h.client.state, "connecting");
  });

  it("full jitter: the wait is the random fraction of the ceiling, down to none at all", () => {
    const draws = [0, 0.25, 0.5, 0.75];
    const h = harness({ random: () => draws.shift() ?? 0.5 });
    h.client.connect();
    assert.deepEqual(refuse(h, 4), [0, 0.25 * 1000, 0.5 * 2000, 0.75 * 4000]);
  });

  it("an error event before the socket opened ends the attempt at once (no close may follow), retried with backoff", () => {
    // Node 20's experimental WebSocket fires only "error" when the server answers the upgrade with 401/403.
    const h = harness();
    h.client.connect();
    h.ws.last.onerror({ type: "error" });
    assert.equal(h.client.state, "connecting");
    h.clock.advance(249);
    assert.equal(h.ws.sockets.length, 1);
    h.clock.advance(1);
    assert.equal(h.ws.sockets.length, 2);
    // A browser's close event after the error changes nothing: still one attempt (and one error) per failure.
    h.ws.sockets[0].drop(1006);
    h.clock.advance(10_000);
    assert.equal(h.ws.sockets.length, 2);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["socket"]);
  });

  it("each refused handshake is reported, so an application sees why it is still connecting", () => {
    const h = harness();
    h.client.connect();
    refuse(h, 3);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["socket", "socket", "socket"]);
    assert.match(h.events.errors[0].message, /closed before it opened \(code 1006\): the handshake was refused/);
    // A connection that opened and then closed is a plain reconnect, not an error.
    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: "e1", seq: 0 });
    h.ws.last.drop(1006);
    assert.equal(h.events.errors.length, 3);
  });

  it("the cap is configurable", () => {
    const h = harness({ random: () => 0.999, backoffCapSeconds: 3 });
    h.client.connect();
    assert.deepEqual(refuse(h, 5), [500, 1000, 2000, 3000, 3000].map((c) => 0.999 * c));
  });

  it("a refused handshake never loops tightly: a minute of refusals is a handful of attempts", () => {
    const h = harness();
    h.client.connect();
    const start = h.clock.now();
    while (h.clock.now() - start < 60_000) {
      const count = h.ws.sockets.length;
      h.ws.last.drop(1006);
      h.clock.runUntil(() => h.ws.sockets.length > count);
    }
    // random 0.5: waits of 0.25, 0.5, 1, 2, 4, 8, 15, 15, 15 s reach past a minute at the ninth retry.
    assert.equal(h.ws.sockets.length, 10);
  });

  it("a connection that stayed open 30 s resets the backoff; a shorter one does not", () => {
    const h = harness({ random: () => 0.999 });
    h.client.connect();
    refuse(h, 4);
    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: "e1", seq: 0 });
    h.clock.advance(29_000);
    assert.deepEqual(refuse(h, 1), [0.999 * 8000]);

    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: "e1", seq: 0 });
    h.clock.advance(30_000);
    assert.deepEqual(refuse(h, 2), [0.999 * 500, 0.999 * 1000]);
  });

  for (const code of [1001, 1000, 1005]) {
    it(`a ${code} close of a connection that was open 30 s reconnects at once, with under a second of jitter, whatever the backoff had reached`, () => {
      const h = harness({ random: () => 0.999 });
      h.client.connect();
      refuse(h, 6);
      h.ws.last.accept();
      h.ws.last.deliver({ type: "position", epoch: "e1", seq: 0 });
      h.clock.advance(30_000);
      h.ws.last.drop(code);
      assert.equal(h.clock.runUntil(() => h.ws.sockets.length === 8), 999);
    });
  }

  it("a normal close reconnects at once the first time, but normal closes of short-lived connections in a row back off", () => {
    const h = harness({ random: () => 0.999 });
    h.client.connect();
    const waits = [];
    for (let i = 0; i < 4; i++) {
      const count = h.ws.sockets.length;
      h.ws.last.accept();
      h.ws.last.deliver({ type: "position", epoch: "e1", seq: 0 });
      h.ws.last.drop(1000);
      waits.push(h.clock.runUntil(() => h.ws.sockets.length > count));
    }
    assert.deepEqual(waits, [999, 0.999 * 1000, 0.999 * 2000, 0.999 * 4000]);
  });

  it("an abnormal close (1006) of a fresh connection waits out the backoff", () => {
    const h = established({ random: () => 0.999 });
    h.ws.last.drop(1006);
    assert.equal(h.clock.runUntil(() => h.ws.sockets.length === 2), 0.999 * 500);
  });

  it("the online event reconnects at once instead of waiting out the backoff", () => {
    const h = harness({ random: () => 0.999 });
    h.client.connect();
    refuse(h, 7);
    h.ws.last.drop(1006);
    assert.equal(h.ws.sockets.length, 8);
    h.window.dispatch("online");
    assert.equal(h.ws.sockets.length, 9);
    assert.equal(h.client.state, "connecting");
  });

  it("the online event probes an open connection with a ping", () => {
    const h = established();
    h.window.dispatch("online");
    assert.equal(h.ws.last.pings, 1);
  });

  it("close() stops everything: sockets closed, no timer left, no listener left, state closed", () => {
    const h = established();
    h.client.close();
    assert.equal(h.client.state, "closed");
    assert.deepEqual(h.ws.last.closedWith, { code: 1000, reason: "closed by the application" });
    assert.equal(h.clock.pendingTimers, 0);
    assert.equal(h.document.listenerCount("visibilitychange"), 0);
    assert.equal(h.window.listenerCount("online"), 0);
    h.clock.advance(3600_000);
    assert.equal(h.ws.sockets.length, 1);

    h.client.connect();
    assert.equal(h.ws.sockets.length, 2);
    assert.equal(h.client.state, "connecting");
  });

  it("close() during the backoff wait cancels the retry", () => {
    const h = harness();
    h.client.connect();
    h.ws.last.drop(1006);
    h.client.close();
    assert.equal(h.clock.pendingTimers, 0);
    assert.equal(h.ws.sockets.length, 1);
  });
});
