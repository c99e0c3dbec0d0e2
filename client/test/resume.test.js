// The resume protocol (issue 13's envelope, resume, replay, reset and position frames) and the ordering rules:
// every sequenced message emitted once, in seq order, across reconnects, gaps and replays.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EPOCH, LOCAL_URL, MemoryStorage, established, harness, message, replay } from "./fakes.js";

/** Drops the current socket and opens the reconnect, returning it (its resume not yet answered). */
function reconnect(h) {
  h.ws.last.drop(1006);
  h.clock.runUntil(() => h.ws.last.readyState === 0);
  h.ws.last.accept();
  return h.ws.last;
}

describe("resume", () => {
  it("first connection resumes without a position and takes the position answer as its baseline", () => {
    const h = harness();
    h.client.connect();
    assert.equal(h.client.state, "connecting");
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.sent, [{ action: "resume" }]);
    assert.equal(h.client.state, "resuming");

    h.ws.last.deliver({ type: "position", epoch: EPOCH, seq: 41 });
    assert.equal(h.client.state, "open");
    h.ws.last.deliver(message(42));
    assert.deepEqual(h.seqs(), [42]);
    assert.deepEqual(h.events.states, ["connecting", "resuming", "open"]);
  });

  it("a reconnect resumes from {epoch, seq} and emits replayed then held messages in seq order, each once", () => {
    const h = established();
    h.ws.last.deliver(message(1));
    h.ws.last.deliver(message(2));

    const socket = reconnect(h);
    assert.deepEqual(socket.resumes, [{ action: "resume", epoch: EPOCH, after: 2 }]);
    assert.equal(h.client.state, "resuming");
    // Live messages published during the resume arrive before the replay: they wait.
    socket.deliver(message(5));
    socket.deliver(message(4));
    assert.deepEqual(h.seqs(), [1, 2]);

    socket.deliver(replay([3, 4]));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4, 5]);
    assert.equal(h.client.state, "open");
    socket.deliver(message(5));
    socket.deliver(message(6));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4, 5, 6]);
  });

  it('a replay frame with messages and "more": true is followed by more of the same answer: no second resume', () => {
    const h = established();
    const socket = reconnect(h);
    socket.deliver(message(5));
    socket.deliver(replay([1, 2], true));
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.equal(socket.resumes.length, 1);
    assert.equal(h.client.state, "resuming");

    socket.deliver(replay([3, 4]));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4, 5]);
    assert.equal(socket.resumes.length, 1);
    assert.equal(h.client.state, "open");
  });

  it('an empty "more": true frame after an answer that brought messages resumes again at once from where it got to', () => {
    const h = established();
    const socket = reconnect(h);
    // The server stopped at its limits: its pages, then an empty frame saying there is more.
    socket.deliver(replay([1, 2], true));
    socket.deliver(replay([3], true));
    socket.deliver(replay([], true));
    assert.deepEqual(socket.resumes.at(-1), { action: "resume", epoch: EPOCH, after: 3 });
    assert.equal(socket.resumes.length, 2);
    assert.equal(h.client.state, "resuming");

    socket.deliver(replay([4]));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4]);
    assert.equal(h.client.state, "open");
  });

  it('an empty "more": true frame that ends an answer bringing nothing resumes again after 0.5-1 s, holding live messages', () => {
    const h = established({ random: () => 0.5 });
    const socket = reconnect(h);
    socket.deliver(message(2));
    // Seq 1 is allocated but not stored yet: the server asks the client to come back.
    socket.deliver(replay([], true));
    assert.equal(socket.resumes.length, 1);
    assert.equal(h.client.state, "resuming");
    assert.equal(h.clock.runUntil(() => socket.resumes.length === 2), 750);
    assert.deepEqual(socket.resumes.at(-1), { action: "resume", epoch: EPOCH, after: 0 });
    assert.deepEqual(h.seqs(), []);

    // Still not there: the wait repeats, it does not spin.
    socket.deliver(replay([], true));
    assert.equal(h.clock.runUntil(() => socket.resumes.length === 3), 750);
    socket.deliver(replay([1]));
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.equal(h.client.state, "open");
  });

  for (const [draw, wait] of [[0, 500], [0.999, 999.5]]) {
    it(`the wait before resuming again is drawn between 0.5 and 1 s (draw ${draw})`, () => {
      const h = established({ random: () => draw });
      const socket = reconnect(h);
      socket.deliver(replay([], true));
      assert.equal(h.clock.runUntil(() => socket.resumes.length === 2), wait);
    });
  }

  it("a resume again that is due when the connection is lost is not sent", () => {
    const h = established();
    const socket = reconnect(h);
    socket.deliver(replay([], true));
    socket.drop(1006);
    h.clock.advance(2_000);
    assert.equal(socket.resumes.length, 1);
    // The reconnect resumes instead, once.
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.resumes, [{ action: "resume", epoch: EPOCH, after: 0 }]);
  });

  it("a live message whose seq skips ahead triggers one resume that fills the gap", () => {
    const h = established();
    const socket = h.ws.last;
    socket.deliver(message(1));
    socket.deliver(message(4));
    socket.deliver(message(5));
    assert.deepEqual(h.seqs(), [1]);
    assert.deepEqual(socket.resumes.slice(1), [{ action: "resume", epoch: EPOCH, after: 1 }]);
    assert.equal(h.client.state, "resuming");

    socket.deliver(replay([2, 3, 4]));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4, 5]);
    assert.equal(h.client.state, "open");
  });

  it("a held message that still does not follow on after the replay starts one more resume instead of being skipped", () => {
    const h = established();
    const socket = reconnect(h);
    // 5 was delivered ahead of 4, and both were published after the server read the history.
    socket.deliver(message(5));
    socket.deliver(replay([1, 2, 3]));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
    assert.deepEqual(socket.resumes.at(-1), { action: "resume", epoch: EPOCH, after: 3 });
    socket.deliver(message(4));
    socket.deliver(replay([4, 5]));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4, 5]);
    assert.equal(h.client.state, "open");
  });

  it("a reconnect's replay that brings nothing, with a later message held, is followed at once by one resume that fills the gap", () => {
    const h = established();
    h.ws.last.deliver(message(1));
    const socket = reconnect(h);
    // 2 and 3 were published after the server read the history; 3 is delivered first.
    socket.deliver(message(3));
    socket.deliver(replay([]));
    assert.deepEqual(socket.resumes, [{ action: "resume", epoch: EPOCH, after: 1 }, { action: "resume", epoch: EPOCH, after: 1 }]);
    socket.deliver(replay([2, 3]));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
    assert.equal(h.client.state, "open");
  });

  it("a live message ahead of all the server has (e.g. a raw post imitating the envelope) is asked about twice, then dropped: no tight loop", () => {
    const h = established();
    const socket = h.ws.last;
    socket.deliver(message(1));
    socket.deliver(message(9));
    assert.deepEqual(socket.resumes.at(-1), { action: "resume", epoch: EPOCH, after: 1 });
    const asked = socket.resumes.length;
    // The server is up to date at 1: nothing to replay. The second question waits 0.5-1 s, holding messages.
    socket.deliver(replay([]));
    assert.equal(socket.resumes.length, asked);
    assert.equal(h.client.state, "resuming");
    socket.deliver(message(2));
    assert.equal(h.clock.runUntil(() => socket.resumes.length === asked + 1), 750);
    socket.deliver(replay([]));

    assert.equal(socket.resumes.length, asked + 1);
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.equal(h.client.state, "open");
    assert.deepEqual(h.events.errors.map((e) => [e.kind, e.message]), [["frame", `a message with seq 9 (epoch "${EPOCH}") is not in the server's stream after two resumes; ignored`]]);
    socket.deliver(message(3));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
    assert.equal(socket.resumes.length, asked + 1);
  });

  it("a replay frame no resume asked for follows the live rules: what follows on is emitted, a jump ahead is asked about", () => {
    const h = established();
    const socket = h.ws.last;
    const asked = socket.resumes.length;
    socket.deliver(replay([1, 2]));
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.equal(socket.resumes.length, asked);

    socket.deliver(replay([9]));
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.deepEqual(socket.resumes.at(-1), { action: "resume", epoch: EPOCH, after: 2 });
    socket.deliver(replay([3]));
    socket.deliver(message(4));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
    assert.equal(h.client.state, "resuming");
  });

  it("a reset frame no resume asked for is reported and changes nothing", () => {
    const h = established();
    h.ws.last.deliver(message(1));
    h.ws.last.deliver({ type: "reset", epoch: EPOCH, seq: 999, reason: "ahead" });
    h.ws.last.deliver(message(2));
    assert.deepEqual(h.seqs(), [1, 2]);
    assert.deepEqual(h.events.resets, []);
    assert.deepEqual(h.events.errors.map((e) => [e.kind, e.message]), [["frame", 'received a "reset" frame (ahead) that no resume asked for; ignored']]);
  });

  it("messages that arrive before the first baseline are emitted; one past it that skips ahead is filled in", () => {
    const h = harness();
    h.client.connect();
    h.ws.last.accept();
    h.ws.last.deliver(message(41));
    h.ws.last.deliver(message(43));
    h.ws.last.deliver({ type: "position", epoch: EPOCH, seq: 41 });
    assert.deepEqual(h.seqs(), [41]);
    assert.deepEqual(h.ws.last.resumes.at(-1), { action: "resume", epoch: EPOCH, after: 41 });
    h.ws.last.deliver(replay([42, 43]));
    assert.deepEqual(h.seqs(), [41, 42, 43]);
  });

  it("held messages of the old epoch are dropped once a reset names the new one", () => {
    const h = established();
    h.ws.last.deliver(message(1));
    const socket = reconnect(h);
    socket.deliver(message(3));
    socket.deliver({ type: "reset", epoch: "e2", seq: 0, reason: "epoch_changed" });
    socket.deliver(message(1, "fresh", "e2"));
    assert.deepEqual(h.events.all, ["message 1", "reset epoch_changed", "message 1"]);
    assert.equal(h.events.messages.at(-1).epoch, "e2");
    assert.equal(socket.resumes.length, 1);
  });

  it("a hole the replay also lacks is final: later messages are emitted, not waited for", () => {
    const h = established();
    const socket = h.ws.last;
    socket.deliver(message(1));
    socket.deliver(message(3));
    // Seq 2 was allocated but never stored (a failed publish): the replay has only 3.
    socket.deliver(replay([3]));
    socket.deliver(message(4));
    assert.deepEqual(h.seqs(), [1, 3, 4]);
    assert.equal(socket.resumes.length, 2);
  });

  it("duplicates are dropped by seq", () => {
    const h = established();
    for (const seq of [1, 1, 2, 1, 2, 3, 3]) h.ws.last.deliver(message(seq));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
    assert.equal(h.ws.last.resumes.length, 1);
  });

  it("reset clears the position, is emitted, and the stream goes on from the server's head", () => {
    const storage = new MemoryStorage();
    const h = established({ storage });
    h.ws.last.deliver(message(1));

    const socket = reconnect(h);
    socket.deliver(message(9, "new-stream", "e2"));
    socket.deliver({ type: "reset", epoch: "e2", seq: 8, reason: "epoch_changed" });
    assert.deepEqual(h.events.resets, [{ reason: "epoch_changed" }]);
    assert.deepEqual(h.events.all, ["message 1", "reset epoch_changed", "message 9"]);
    assert.deepEqual(JSON.parse(storage.getItem(`rtc-pulumi-client:position:${LOCAL_URL}:alice`)), { epoch: "e2", seq: 9 });

    socket.deliver(message(10, "next", "e2"));
    assert.deepEqual(h.seqs(), [1, 9, 10]);
  });

  it("a live message from another epoch asks the server, whose reset is emitted", () => {
    const h = established();
    h.ws.last.deliver(message(1));
    h.ws.last.deliver(message(1, "restarted", "e2"));
    assert.deepEqual(h.ws.last.resumes.at(-1), { action: "resume", epoch: EPOCH, after: 1 });
    h.ws.last.deliver({ type: "reset", epoch: "e2", seq: 0, reason: "epoch_changed" });
    assert.deepEqual(h.events.all, ["message 1", "reset epoch_changed", "message 1"]);
    assert.deepEqual(h.events.messages.map((m) => m.epoch), [EPOCH, "e2"]);
  });

  it("messages without seq are emitted as they come, even while resuming", () => {
    const h = harness();
    h.client.connect();
    h.ws.last.accept();
    h.ws.last.deliver({ type: "message", data: { text: "raw" } });
    assert.deepEqual(h.events.messages, [{ data: { text: "raw" }, seq: null, epoch: null }]);
  });

  it("the position survives a page load in storage and the new page resumes from it", () => {
    const storage = new MemoryStorage();
    const first = established({ storage }, 3);
    first.ws.last.deliver(message(4));
    first.ws.last.deliver(message(5));
    assert.equal(storage.getItem(`rtc-pulumi-client:position:${LOCAL_URL}:alice`), JSON.stringify({ epoch: EPOCH, seq: 5 }));

    const reloaded = harness({ storage });
    reloaded.client.connect();
    reloaded.ws.last.accept();
    assert.deepEqual(reloaded.ws.last.resumes, [{ action: "resume", epoch: EPOCH, after: 5 }]);
    reloaded.ws.last.deliver(replay([5, 6]));
    assert.deepEqual(reloaded.seqs(), [6]);
  });

  it("a custom storageKey is used, and a malformed stored value is reported and ignored", () => {
    const storage = new MemoryStorage();
    storage.setItem("mine", "{not json");
    const h = harness({ storage, storageKey: "mine" });
    h.client.connect();
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.resumes, [{ action: "resume" }]);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["storage"]);
    h.ws.last.deliver({ type: "position", epoch: EPOCH, seq: 2 });
    assert.equal(storage.getItem("mine"), JSON.stringify({ epoch: EPOCH, seq: 2 }));
  });

  it("a first connection that received nothing, a drop and messages published meanwhile: all arrive", () => {
    const h = established({}, 10);
    const socket = reconnect(h);
    assert.deepEqual(socket.resumes, [{ action: "resume", epoch: EPOCH, after: 10 }]);
    socket.deliver(replay([11, 12, 13, 14, 15]));
    assert.deepEqual(h.seqs(), [11, 12, 13, 14, 15]);
  });

  it("with history disabled it sends no resume, and a reconnect reports reset history_disabled", () => {
    const h = harness({ config: { history: { enabled: false, seconds: 0 } } });
    h.client.connect();
    h.ws.last.accept();
    assert.equal(h.client.state, "open");
    assert.deepEqual(h.ws.last.resumes, []);
    h.ws.last.deliver({ type: "message", data: 1 });
    assert.deepEqual(h.events.resets, []);

    reconnect(h);
    assert.deepEqual(h.events.all, ["message 1", "reset history_disabled"]);
  });

  it("a baseline with a null epoch (no stream yet) is a position: the next resume sends epoch null, after 0, and the new stream follows", () => {
    const storage = new MemoryStorage();
    const h = harness({ storage });
    h.client.connect();
    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: null, seq: 0 });
    assert.equal(h.client.state, "open");
    assert.equal(storage.getItem(`rtc-pulumi-client:position:${LOCAL_URL}:alice`), JSON.stringify({ epoch: null, seq: 0 }));

    const socket = reconnect(h);
    assert.deepEqual(socket.resumes, [{ action: "resume", epoch: null, after: 0 }]);
    // The stream was created while the client was away: all of it is new to the client.
    socket.deliver(message(3, "m3", "e2"));
    socket.deliver(replay([1, 2], false, "e2"));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
    assert.deepEqual(h.events.resets, []);
    assert.equal(storage.getItem(`rtc-pulumi-client:position:${LOCAL_URL}:alice`), JSON.stringify({ epoch: "e2", seq: 3 }));
  });

  it("after a null-epoch baseline, still no stream: the empty replay with a null epoch ends the resume", () => {
    const h = harness();
    h.client.connect();
    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: null, seq: 0 });
    const socket = reconnect(h);
    socket.deliver({ type: "replay", epoch: null, messages: [], more: false });
    assert.equal(h.client.state, "open");
    assert.deepEqual(h.events.errors, []);
    socket.deliver(message(1, "first", "e2"));
    assert.deepEqual(h.seqs(), [1]);
  });

  it("a live message that skips ahead of a null-epoch baseline resumes from epoch null, after 0", () => {
    const h = harness();
    h.client.connect();
    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: null, seq: 0 });
    h.ws.last.deliver(message(2, "m2", "e2"));
    assert.deepEqual(h.ws.last.resumes.at(-1), { action: "resume", epoch: null, after: 0 });
    h.ws.last.deliver(replay([1, 2], false, "e2"));
    assert.deepEqual(h.seqs(), [1, 2]);
  });

  it("a reset with a null epoch leaves the position {epoch: null, seq: 0}, kept across a page load", () => {
    const storage = new MemoryStorage();
    const h = established({ storage });
    h.ws.last.deliver(message(1));
    const socket = reconnect(h);
    socket.deliver({ type: "reset", epoch: null, seq: 0, reason: "epoch_changed" });
    assert.deepEqual(h.events.resets, [{ reason: "epoch_changed" }]);
    assert.equal(storage.getItem(`rtc-pulumi-client:position:${LOCAL_URL}:alice`), JSON.stringify({ epoch: null, seq: 0 }));

    const reloaded = harness({ storage });
    reloaded.client.connect();
    reloaded.ws.last.accept();
    assert.deepEqual(reloaded.ws.last.resumes, [{ action: "resume", epoch: null, after: 0 }]);
    assert.deepEqual(reloaded.events.errors, []);
  });

  it("a server with history off answers every resume with reset history_disabled; messages come without seq", () => {
    const h = harness({ config: { history: undefined } });
    h.client.connect();
    h.ws.last.accept();
    h.ws.last.deliver({ type: "reset", epoch: null, seq: 0, reason: "history_disabled" });
    h.ws.last.deliver({ type: "message", data: "plain" });
    const socket = reconnect(h);
    assert.deepEqual(socket.resumes, [{ action: "resume", epoch: null, after: 0 }]);
    socket.deliver({ type: "reset", epoch: null, seq: 0, reason: "history_disabled" });
    assert.deepEqual(h.events.all, ["reset history_disabled", "message plain", "reset history_disabled"]);
  });

  it("a server without the resume route does not hold messages back", () => {
    const h = harness();
    h.client.connect();
    h.ws.last.accept();
    h.ws.last.deliver(message(7));
    h.ws.last.deliver({ type: "error", error: "unknown_action", message: "no route" });
    assert.equal(h.client.state, "open");
    assert.deepEqual(h.seqs(), [7]);
    assert.deepEqual(h.events.errors.map((e) => [e.kind, e.message]), [["server", "the server answered unknown_action: no route"]]);
  });

  it("API Gateway's notice that the resume's integration failed leads to a reconnect that resumes again", () => {
    const h = established();
    h.ws.last.deliver(message(1));
    const socket = reconnect(h);
    socket.deliver(message(4));
    socket.deliver({ message: "Internal server error", connectionId: "abc=", requestId: "r1" });
    assert.deepEqual(h.events.errors.map((e) => [e.kind, e.message]), [["server", 'API Gateway answered "Internal server error"']]);
    assert.notEqual(socket.closedWith, null);

    const again = reconnect(h);
    assert.deepEqual(again.resumes, [{ action: "resume", epoch: EPOCH, after: 1 }]);
    again.deliver(replay([2, 3]));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4]);
  });

  it("the same notice outside a resume is only reported", () => {
    const h = established();
    h.ws.last.deliver({ message: "Endpoint request timed out", connectionId: "abc=", requestId: "r2" });
    assert.equal(h.events.errors.length, 1);
    assert.ok(h.ws.last.isOpen);
  });

  it("a resume that gets pongs but no answer for 30 s is given up, and resumed again on a new connection", () => {
    const h = established({ config: { heartbeatSeconds: 10 } });
    h.ws.last.deliver(message(1));
    const socket = reconnect(h);
    socket.deliver(message(3));
    for (let i = 0; i < 2; i++) {
      h.clock.runUntil(() => socket.pings > i);
      socket.deliver({ type: "pong" });
    }
    assert.equal(h.clock.runUntil(() => socket.closedWith !== null), 10_000);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["timeout"]);
    const again = reconnect(h);
    again.deliver(replay([2, 3]));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
  });

  it("without the resume route a gap is asked about once, and the held messages then go out as they are", () => {
    const h = established();
    const socket = h.ws.last;
    socket.deliver(message(1));
    socket.deliver(message(3));
    socket.deliver(message(4));
    socket.deliver({ type: "error", error: "unknown_action" });
    assert.deepEqual(h.seqs(), [1, 3, 4]);
    assert.equal(socket.resumes.length, 2);
    assert.equal(h.client.state, "open");
  });

  it("invalid_resume starts afresh and tells the application with a reset", () => {
    const h = established();
    const socket = reconnect(h);
    socket.deliver({ type: "error", error: "invalid_resume" });
    assert.deepEqual(h.events.resets, [{ reason: "invalid_resume" }]);
    assert.equal(h.client.state, "open");
    socket.deliver(message(3));
    assert.deepEqual(h.seqs(), [3]);
  });
});
