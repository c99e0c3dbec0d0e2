// Rollover before API Gateway's maximum connection duration (2 hours; it then closes with 1001),
// make-before-break: a second connection opens and resumes, then the old one closes. Never more than two
// sockets, and messages seen on both are emitted once.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EPOCH, established, message, replay } from "./fakes.js";

const SHORT = { config: { maxConnectionSeconds: 100 } };

describe("rollover", () => {
  for (const [draw, expected] of [[0, 85_000], [0.5, 90_000], [0.999, 94_990]]) {
    it(`opens the second connection at a random point of 85-95 % of maxConnectionSeconds (draw ${draw})`, () => {
      const h = established({ ...SHORT, random: () => draw });
      assert.equal(Math.round(h.clock.runUntil(() => h.ws.sockets.length === 2)), expected);
      assert.ok(h.ws.sockets[0].isOpen);
    });
  }

  it("make-before-break: the new connection resumes, then the old one closes; overlap messages are emitted once, in order", () => {
    const h = established(SHORT);
    const old = h.ws.last;
    old.deliver(message(1));
    old.deliver(message(2));
    h.clock.runUntil(() => h.ws.sockets.length === 2);
    const next = h.ws.last;
    next.accept();
    assert.deepEqual(next.resumes, [{ action: "resume", epoch: EPOCH, after: 2 }]);

    // Publishes during the overlap reach both sockets, in any interleaving.
    old.deliver(message(3));
    next.deliver(message(3));
    old.deliver(message(4));
    next.deliver(message(4));
    assert.ok(old.isOpen);
    next.deliver(replay([3]));
    assert.deepEqual(old.closedWith, { code: 1000, reason: "rollover" });
    next.deliver(message(4));
    next.deliver(message(5));
    // A frame still in flight on the old socket changes nothing.
    old.deliver(message(6));

    assert.deepEqual(h.seqs(), [1, 2, 3, 4, 5]);
    assert.deepEqual(h.events.states, ["connecting", "resuming", "open"]);
    assert.equal(h.ws.mostOpenAtOnce, 2);
  });

  it("the new connection rolls over in its turn, and there are never more than two sockets", () => {
    const h = established(SHORT);
    for (let round = 1; round <= 3; round++) {
      h.clock.runUntil(() => h.ws.sockets.length === round + 1);
      h.ws.last.accept();
      h.ws.last.deliver(replay([]));
    }
    assert.deepEqual(h.ws.sockets.map((s) => s.isOpen), [false, false, false, true]);
    assert.equal(h.ws.mostOpenAtOnce, 2);
  });

  it("a rollover connection that fails leaves the current one up and is tried again later", () => {
    const h = established(SHORT);
    const old = h.ws.last;
    h.clock.runUntil(() => h.ws.sockets.length === 2);
    h.ws.last.drop(1006);
    assert.ok(old.isOpen);
    assert.equal(h.client.state, "open");
    h.clock.runUntil(() => h.ws.sockets.length === 3);
    h.ws.last.accept();
    h.ws.last.deliver(replay([]));
    assert.equal(old.closedWith?.reason, "rollover");
    assert.equal(h.ws.mostOpenAtOnce, 2);
  });

  it("the old connection closing mid-rollover hands over to the new one, with no third socket", () => {
    const h = established(SHORT);
    const old = h.ws.last;
    old.deliver(message(1));
    h.clock.runUntil(() => h.ws.sockets.length === 2);
    const next = h.ws.last;
    next.accept();
    old.drop(1001);
    assert.equal(h.client.state, "resuming");
    next.deliver(message(3));
    next.deliver(replay([2]));
    assert.equal(h.client.state, "open");
    h.clock.advance(5_000);
    assert.equal(h.ws.sockets.length, 2);
    assert.deepEqual(h.seqs(), [1, 2, 3]);
  });

  it("with history disabled the new connection takes over as soon as it opens", () => {
    const h = established({ config: { maxConnectionSeconds: 100, history: { enabled: false, seconds: 0 } } });
    const old = h.ws.last;
    h.clock.runUntil(() => h.ws.sockets.length === 2);
    h.ws.last.accept();
    assert.equal(old.closedWith?.reason, "rollover");
    assert.deepEqual(h.events.resets, []);
  });
});
