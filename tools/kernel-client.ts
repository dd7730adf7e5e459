/**
 * A minimal Jupyter client: starts a kernel from its kernelspec the way Jupyter does (a
 * connection file, the spec's argv) and speaks the Jupyter messaging protocol over ZeroMQ
 * with HMAC-SHA256-signed messages (zeromq comes with tslab).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import * as zmq from "zeromq";
import { kernelFolderPrefix } from "./kernel-folder.cjs";
import type { KernelSpec } from "./kernelspec";

const DELIMITER = "<IDS|MSG>";

export interface Header { msg_id: string; msg_type: string; session: string; username: string; date: string; version: string }
export interface Message { header: Header; parent_header: Partial<Header>; metadata: Record<string, unknown>; content: Record<string, any>; channel: "shell" | "iopub" | "control" }

/** Five TCP ports free now, all different: each held open until all five are chosen. */
async function freePorts(): Promise<{ shell_port: number; iopub_port: number; stdin_port: number; control_port: number; hb_port: number }> {
  const servers = Array.from({ length: 5 }, () => createServer());
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await Promise.all(
    servers.map((server) => new Promise<number>((resolvePort, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolvePort((server.address() as { port: number }).port));
    })),
  );
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return { shell_port, iopub_port, stdin_port, control_port, hb_port };
}

/** Raised when the kernel process exits while a request is pending. */
export class KernelDied extends Error {}

/**
 * When a cell ran, as nbclient records it in a cell's `metadata.execution` (its
 * `record_timing`): the kernel's own dates (ISO 8601) of the busy status, the execute_input
 * broadcast, the execute_reply and the idle status of the request.
 */
export type CellTiming = Partial<Record<"iopub.status.busy" | "iopub.execute_input" | "shell.execute_reply" | "iopub.status.idle", string>>;

export class KernelClient {
  /** The kernels started by this process and not yet shut down (for shutting them down on a signal). */
  static readonly running = new Set<KernelClient>();
  private readonly session = randomUUID();
  // linger 0: a message still queued when a socket closes is dropped. Otherwise zeromq keeps the
  // process from exiting until it is delivered, and the kernel_info requests sent to a kernel that
  // never answered (a start past its time limit) never are: the process hung (test/faults/kernel-faults.test.ts).
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly listeners = new Set<(m: Message) => void>();
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private exitListeners = new Set<() => void>();
  private stderr = "";

  private constructor(private readonly process: ChildProcess, private readonly key: string, private readonly folder: string) {
    process.on("exit", (code, signal) => {
      this.exited = { code, signal };
      for (const l of this.exitListeners) l();
    });
    process.stderr?.on("data", (chunk) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    process.stdout?.on("data", () => {});
  }

  /** Starts a kernel in `cwd` and waits until it answers kernel_info and its iopub is connected. */
  static async start(spec: KernelSpec, { cwd, env = process.env, startTimeout = 60_000 }: { cwd: string; env?: NodeJS.ProcessEnv; startTimeout?: number }): Promise<KernelClient> {
    const folder = mkdtempSync(kernelFolderPrefix());
    const key = randomUUID();
    // The kernel's channels are Unix sockets in its private folder (Jupyter's "ipc" transport,
    // ipc://IP-PORT, which the preload makes tslab bind): no TCP port to pick, so none that
    // another process can take between the pick and the kernel's bind. (With TCP ports chosen by
    // binding port 0 and closing, a kernel of the test suite died once on "Address already in
    // use".) TCP where the socket path would pass the ~107-byte limit of Unix socket addresses,
    // and on Windows.
    const base = join(folder, "kernel");
    const ipc = process.platform !== "win32" && Buffer.byteLength(`${base}-5`) < 100;
    const ports = ipc ? { shell_port: 1, iopub_port: 2, stdin_port: 3, control_port: 4, hb_port: 5 } : await freePorts();
    const connection = { ...ports, ip: ipc ? base : "127.0.0.1", transport: ipc ? "ipc" : "tcp", key, signature_scheme: "hmac-sha256", kernel_name: "landscape" };
    const connectionFile = join(folder, "kernel.json");
    writeFileSync(connectionFile, JSON.stringify(connection));
    const argv = spec.argv.map((a) => a.replace("{connection_file}", connectionFile));
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const client = new KernelClient(child, key, folder);
    KernelClient.running.add(client);
    const url = (port: number) => (ipc ? `ipc://${connection.ip}-${port}` : `tcp://${connection.ip}:${port}`);
    client.shell.connect(url(ports.shell_port));
    client.control.connect(url(ports.control_port));
    client.iopub.connect(url(ports.iopub_port));
    client.iopub.subscribe();
    client.listen(client.shell, "shell");
    client.listen(client.control, "control");
    client.listen(client.iopub, "iopub");
    try {
      await client.waitUntilReady(startTimeout);
    } catch (e) {
      await client.shutdown(); // close the sockets and remove the connection file, or this process never exits
      throw e;
    }
    return client;
  }

  private sign(parts: string[]): string {
    const hmac = createHmac("sha256", this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest("hex");
  }

  private async listen(socket: zmq.Dealer | zmq.Subscriber, channel: Message["channel"]) {
    try {
      for await (const frames of socket) {
        const strings = frames.map((f) => f.toString("utf8"));
        const at = strings.indexOf(DELIMITER);
        if (at < 0) continue;
        const [signature, header, parent, metadata, content] = strings.slice(at + 1, at + 6);
        if (signature !== this.sign([header, parent, metadata, content])) continue; // not from our kernel
        const message: Message = { header: JSON.parse(header), parent_header: JSON.parse(parent), metadata: JSON.parse(metadata), content: JSON.parse(content), channel };
        for (const l of this.listeners) l(message);
      }
    } catch {
      // The socket was closed.
    }
  }

  private async send(socket: zmq.Dealer, msgType: string, content: Record<string, unknown>, msgId: string = randomUUID()): Promise<string> {
    const header: Header = { msg_id: msgId, msg_type: msgType, session: this.session, username: "landscape", date: new Date().toISOString(), version: "5.3" };
    const parts = [JSON.stringify(header), "{}", "{}", JSON.stringify(content)];
    await socket.send([DELIMITER, this.sign(parts), ...parts]);
    return header.msg_id;
  }

  private async waitUntilReady(timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    let replied = false;
    let iopubSeen = false;
    const listener = (m: Message) => {
      if (m.channel === "shell" && m.header.msg_type === "kernel_info_reply") replied = true;
      if (m.channel === "iopub") iopubSeen = true;
    };
    this.listeners.add(listener);
    try {
      while (!(replied && iopubSeen)) {
        if (this.exited) throw new KernelDied(`the kernel exited while starting (code ${this.exited.code}, signal ${this.exited.signal}): ${this.stderr.trim()}`);
        if (Date.now() > deadline) throw new Error(`the kernel did not answer within ${timeout / 1000} s: ${this.stderr.trim()}`);
        await this.send(this.shell, "kernel_info_request", {});
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      this.listeners.delete(listener);
    }
  }

  /**
   * Executes `code`; calls `onOutput` with each iopub message of the request as it arrives,
   * and resolves with the execute_reply once the kernel is idle again. `stopOnError: false`
   * (for cells expected to raise) keeps the kernel from aborting the requests that follow. Rejects with a
   * TimeoutError-like Error past `timeoutMs`, or KernelDied if the process exits.
   */
  async execute(code: string, onMessage: (m: Message) => void, timeoutMs: number, { stopOnError = true, timing }: { stopOnError?: boolean; timing?: CellTiming } = {}): Promise<Message> {
    return new Promise<Message>((resolveReply, reject) => {
      const msgId = randomUUID();
      let reply: Message | undefined;
      let idle = false;
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        this.exitListeners.delete(onExit);
        if (error) reject(error);
        else resolveReply(reply!);
      };
      const listener = (m: Message) => {
        if (m.parent_header.msg_id !== msgId) return;
        if (m.channel === "iopub") {
          if (m.header.msg_type === "status") {
            idle = m.content.execution_state === "idle";
            if (timing) timing[idle ? "iopub.status.idle" : "iopub.status.busy"] = m.header.date;
          } else {
            if (timing && m.header.msg_type === "execute_input") timing["iopub.execute_input"] = m.header.date;
            onMessage(m);
          }
        } else if (m.channel === "shell" && m.header.msg_type === "execute_reply") {
          reply = m;
          if (timing) timing["shell.execute_reply"] = m.header.date;
        }
        if (reply && idle) finish();
      };
      const onExit = () => finish(new KernelDied(`the kernel died (exit code ${this.exited?.code}, signal ${this.exited?.signal})${this.stderr ? `: ${this.stderr.trim().slice(-500)}` : ""}`));
      const timer = setTimeout(() => finish(new Error(`the cell did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
      this.listeners.add(listener);
      this.exitListeners.add(onExit);
      if (this.exited) return onExit();
      this.send(this.shell, "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: stopOnError }, msgId).catch((e) => finish(e));
    });
  }

  /** Calls `listener` with every message from the kernel, of any request, until the returned function is called. */
  watch(listener: (m: Message) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How the kernel process ended (undefined while it runs): its exit code, or the signal that killed it. */
  get exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exited && { ...this.exited };
  }

  /** Shuts down every kernel this process started (on SIGINT, SIGTERM, SIGHUP). */
  static async shutdownAll(): Promise<void> {
    await Promise.all([...KernelClient.running].map((k) => k.shutdown()));
  }

  /**
   * Asks the kernel to shut down, kills it if it has not exited within 2 s, closes the
   * sockets and removes the connection file (which holds the signing key).
   */
  shutdown(): Promise<void> {
    return (this.stopping ??= this.stop()); // once, however many callers (a signal during the runner's own shutdown)
  }

  private stopping?: Promise<void>;

  private async stop(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((r) => this.exitListeners.add(r));
      await this.send(this.control, "shutdown_request", { restart: false }).catch(() => {});
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      if (!this.exited) {
        this.process.kill("SIGKILL");
        await exited;
      }
    }
    for (const s of [this.shell, this.control, this.iopub]) s.close();
    rmSync(this.folder, { recursive: true, force: true });
    KernelClient.running.delete(this);
  }
}
