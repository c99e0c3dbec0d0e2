// Every frame shape the server writes (client/test/server-frames.json, generated from the C# ClientFrames and
// checked to be current by tests/Rtc.Functions.Tests) is read by the client as a frame of the protocol: none
// is reported as a frame error, and the connection stays open, except after session_ended, which ends it. Answers
// to a resume (replay, reset, position) are fed as the answer to the client's first resume, the rest to an
// established connection.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { established, harness } from "./fakes.js";

const { frames } = JSON.parse(readFileSync(new URL("./server-frames.json", import.meta.url), "utf8"));

/** A client whose first connection is open and waiting for the answer to its resume. */
function resuming() {
  const h = harness();
  h.client.connect();
  h.ws.last.accept();
  assert.deepEqual(h.ws.last.sent, [{ action: "resume" }]);
  return h;
}

describe("server frames", () => {
  it("the fixture has frames", () => assert.ok(frames.length >= 15));

  for (const { name, text } of frames) {
    it(`reads the server's ${name} frame`, () => {
      const h = ["replay", "reset", "position"].includes(JSON.parse(text).type) ? resuming() : established();
      h.ws.last.deliverRaw(text);
      assert.deepEqual(h.events.errors.filter((e) => e.kind === "frame").map((e) => e.message), []);
      // session_ended is the one frame after which the client closes the connection itself, for good.
      if (JSON.parse(text).type === "session_ended") {
        assert.equal(h.client.state, "closed");
        assert.equal(h.ws.last.isOpen, false);
      } else {
        assert.ok(h.ws.last.isOpen);
      }
    });
  }

  it("the session_ended frame is exactly {type, reason}", () => {
    const frame = frames.find((f) => f.name === "session_ended");
    assert.deepEqual(JSON.parse(frame.text), { type: "session_ended", reason: "signed out" });
    assert.equal(frame.text, '{"type":"session_ended","reason":"signed out"}');
  });

  it("the server's session_ended frame gives the application its reason", () => {
    const h = established();
    const ended = [];
    h.client.on("session_ended", (event) => ended.push(event));
    h.ws.last.deliverRaw(frames.find((f) => f.name === "session_ended").text);
    assert.deepEqual(ended, [{ reason: "signed out" }]);
  });

  it("a live message's data reaches the application as the server wrote it", () => {
    const h = established();
    const frame = frames.find((f) => f.name === "message, history off");
    h.ws.last.deliverRaw(frame.text);
    assert.deepEqual(h.events.messages.map((m) => m.data), [JSON.parse(frame.text).data]);
  });
});
