/**
 * Loaded into the tslab kernel before tslab (`node --require tools/kernel-preload.cjs …/tslab
 * kernel`, see tools/kernelspec.ts). Three repairs, each one for a fault the kernel has as
 * published (tslab 1.0.22 on zeromq 6), a fourth (4., below) for its shutdown, a fifth for
 * its ipc addresses and a sixth for a race at its start:
 *
 * 1. Lost output. tslab sends every iopub message (each `console.log` is one) with
 *    `socket.send(...)` without awaiting it. zeromq.js 6 resolves at most 512 sends in a row
 *    synchronously (`max_sync_operations` in its socket.cc, to keep the event loop from
 *    starving); the 513th is deferred to the next turn of the event loop, and until then every
 *    further `send` THROWS "Socket is busy writing" — which `console.log` swallows. A cell
 *    printing 2,000 lines in one synchronous loop thus lost everything after about 500
 *    messages, and the `status: idle` that tslab sends right after the cell (before the event
 *    loop turns) was lost with it, so the client waited for an idle that never came and
 *    reported a timeout. Here the iopub socket's `send` becomes a queue: messages leave in
 *    order, one `send` at a time, and none is dropped (`noDrop`: at the high-water mark the
 *    send is retried instead of the message being discarded). And, as ipykernel does, text
 *    written to stdout/stderr is buffered and sent as one stream message per turn of the event
 *    loop (flushed before a display and when the cell returns), not one message per write:
 *    10⁵ printed lines travel as a few messages.
 *
 * 2. Late errors. tslab prints an error thrown in a timer or an unhandled rejection as
 *    stderr of whichever cell runs at that moment, and the cell still passes. Each cell's
 *    execution runs inside an AsyncLocalStorage holding its execution count, which timers and
 *    promises created by the cell inherit; an uncaught error is reported on stderr with a
 *    marker line naming that count, which the runner (tools/execute.ts) turns into a failure
 *    of the cell that scheduled it.
 *
 * 3. Orphans. If the process that started the kernel dies without shutting it down, the
 *    kernel exits instead of living on with parent 1 (checked on a worker thread, so also
 *    during a long synchronous cell), and removes the connection file its runner wrote.
 *
 * 5. Jupyter's ipc addresses (`ipc://IP-PORT`, not tslab's `ipc://IP:PORT`).
 *
 * 6. No request handled before all five sockets are bound.
 */
"use strict";
const { AsyncLocalStorage } = require("node:async_hooks");
const { format } = require("node:util");

/** The marker of a late error on stderr: `LATE_ERROR_MARKER <execution count or ?>: <kind>: <message>`. */
const LATE_ERROR_MARKER = "[landscape] error after its cell returned, from execution";

// 1. An ordered, lossless iopub.
const zmq = require("zeromq");
const nativeSend = zmq.Socket.prototype.send;
const queues = new WeakMap(); // socket → messages waiting to be sent (the sockets are not extensible)
const noDropSet = new WeakSet(); // the sockets whose noDrop was set (a write-only option)
// zeromq marks the method read-only; defineProperty still replaces it on Publisher only.
Object.defineProperty(zmq.Publisher.prototype, "send", { configurable: true, writable: true, value: function send(message) {
  let queue = queues.get(this);
  if (!queue) {
    queues.set(this, (queue = []));
    if (!noDropSet.has(this)) this.noDrop = true; // set before the bind (5., below): set after it, zeromq warns on stderr
  }
  return new Promise((resolve, reject) => {
    queue.push({ message, resolve, reject });
    if (queue.length === 1) drain(this, queue);
  });
} });

async function drain(socket, queue) {
  while (queue.length > 0) {
    const { message, resolve, reject } = queue[0];
    for (let attempt = 0; ; attempt++) {
      try {
        await nativeSend.call(socket, message);
        resolve();
        break;
      } catch (e) {
        if (socket.closed) {
          reject(e);
          break;
        }
        // EAGAIN (high-water mark with noDrop) or EBUSY: wait for the subscriber to read.
        await new Promise((r) => setTimeout(r, Math.min(50, 1 + attempt)));
      }
    }
    queue.shift();
  }
}

const { JupyterHandlerImpl } = require("tslab/dist/jupyter");
const utf8 = new TextDecoder();
const STREAM_CHUNK = 2 ** 20; // characters per stream message at most
let pending = []; // [{ name, send, text }] in the order written
let flushScheduled = false;
function flushStreams() {
  const writes = pending;
  pending = [];
  for (const { name, send, text } of writes) {
    for (let at = 0; at < text.length; at += STREAM_CHUNK) send(name, text.slice(at, at + STREAM_CHUNK));
  }
}
JupyterHandlerImpl.prototype.createWriteToIopub = function (name, send) {
  return (chunk) => {
    const text = typeof chunk === "string" ? chunk : utf8.decode(chunk);
    const last = pending[pending.length - 1];
    if (last && last.name === name && last.send === send) last.text += text;
    else pending.push({ name, send, text });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => {
        flushScheduled = false;
        flushStreams();
      });
    }
    return true;
  };
};

// 2. Late errors, named by the execution that scheduled them.
const cells = new AsyncLocalStorage();
const handleExecuteImpl = JupyterHandlerImpl.prototype.handleExecuteImpl;
JupyterHandlerImpl.prototype.handleExecuteImpl = async function (request, writeStream, writeDisplayData) {
  const display = (...args) => {
    flushStreams(); // text printed before a display stays before it
    return writeDisplayData(...args);
  };
  try {
    return await cells.run({ count: this.execCount + 1 }, () => handleExecuteImpl.call(this, request, writeStream, display));
  } finally {
    flushStreams(); // all of the cell's text before its reply and idle status
  }
};
const reportLate = (kind) => (error) => {
  const count = cells.getStore()?.count ?? "?";
  process.stderr.write(`${LATE_ERROR_MARKER} ${count}: ${kind}: ${error instanceof Error ? error.stack ?? error.message : format(error)}\n`);
};
process.on("uncaughtException", reportLate("uncaught exception"));
process.on("unhandledRejection", reportLate("unhandled rejection"));

// 3. No orphan kernels. A kernel whose parent is gone exits, and removes the connection file
//    the project's runner wrote for it (it holds the signing key) when its parent could not.
//    The check runs on a worker thread, so that a cell blocking the main thread (a long
//    synchronous loop) does not keep an orphan alive. Only the runner's own files are removed
//    (tools/kernel-folder.cjs), never a folder of Jupyter's.
{
  const { Worker } = require("node:worker_threads");
  const watch = new Worker(
    `
    const { workerData: { parent, config, folders } } = require("node:worker_threads");
    const { dirname } = require("node:path");
    const { removeKernelFolder } = require(folders);
    setInterval(() => {
      if (process.ppid === parent) return;
      if (config) removeKernelFolder(dirname(config));
      process.kill(process.pid, "SIGKILL");
    }, 1000);
    `,
    // execArgv: [] — a worker inherits the process's, and with it this preload (--require).
    { eval: true, execArgv: [], workerData: { parent: process.ppid, config: process.argv[process.argv.indexOf("--config-path") + 1], folders: require.resolve("./kernel-folder.cjs") } },
  );
  watch.on("error", (e) => process.stderr.write(`[landscape] the kernel's orphan check failed: ${e.message}\n`));
  watch.unref();
}

// 5. Jupyter's addresses for the ipc transport. tslab binds `ipc://IP:PORT`; Jupyter's clients
//    (jupyter_client, ipykernel) use `ipc://IP-PORT`. With this, a connection file the runner
//    writes with transport "ipc" (tools/kernel-client.ts) is one any Jupyter client can use.
{
  const { ZmqServer } = require("tslab/dist/jupyter");
  const bindSocket = ZmqServer.prototype.bindSocket;
  ZmqServer.prototype.bindSocket = async function (sock, port) {
    if (sock instanceof zmq.Publisher) (sock.noDrop = true), noDropSet.add(sock); // 1.'s option, before the bind (it cannot be read back)
    const conn = this.connInfo;
    if (conn.transport !== "ipc") return bindSocket.call(this, sock, port);
    await sock.bind(`ipc://${conn.ip}-${port}`);
  };
}

// 6. No request handled before every socket is bound. tslab starts reading the shell and
//    control sockets, then binds all five at once; a client that connects as soon as the shell
//    is listening (the runner's kernel_info requests, every 250 ms) could have its request
//    handled while the binds were still under way: once, under the test suite's load, the
//    reply threw "Socket is blocked by a bind or unbind operation" (an unhandled rejection: the
//    client got no reply) and the kernel answered nothing more for the client's 60 s. Requests
//    that arrive early now wait, in their order, until `init` has bound every socket.
{
  const { ZmqServer } = require("tslab/dist/jupyter");
  const init = ZmqServer.prototype.init;
  const bound = new WeakMap(); // server → the promise of its five binds
  ZmqServer.prototype.init = function () {
    const binding = init.call(this);
    bound.set(this, binding);
    return binding;
  };
  const handleShellMessage = ZmqServer.prototype.handleShellMessage;
  ZmqServer.prototype.handleShellMessage = function (sock, ...frames) {
    const binding = bound.get(this);
    // A failed bind fails init, and tslab's start with it: nothing is handled then.
    return binding ? binding.then(() => handleShellMessage.call(this, sock, ...frames)) : handleShellMessage.call(this, sock, ...frames);
  };
}

// 4. Exit on shutdown. On a shutdown_request tslab replies and closes its sockets, but the
//    process does not exit (the only handles left are its stdout and stderr pipes; what holds
//    the event loop was not found), so every client waited its grace period and then killed
//    it: 2 s per kernel for the project's runner (tools/kernel-client.ts). Once tslab has
//    replied and closed, the kernel exits (50 ms later: a moment for zeromq's I/O thread).
//    tslab's only call of close is on a shutdown request; Jupyter's restart is a shutdown
//    request followed by a new kernel, which this exit suits.
const { ZmqServer } = require("tslab/dist/jupyter");
const closeServer = ZmqServer.prototype.close;
ZmqServer.prototype.close = function () {
  try {
    closeServer.call(this);
  } finally {
    setTimeout(() => process.exit(0), 50);
  }
};
