import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';

/**
 * The yardstick of the chat-latency bench: a bare socket.io server that relays each visitor
 * message to one room of operators and stores nothing. Whatever the core adds on top of this
 * (authentication, validation, rate limits, the database, the dialog updates) is the difference.
 *
 * Run as its own process: PORT=… node --import tsx bench/chat-latency/relay.ts
 */
const server = http.createServer();
const io = new Server(server);
const chat = io.of('/chat');

chat.on('connection', (socket) => {
  const role = (socket.handshake.auth as { role?: string }).role;
  if (role === 'operator') {
    void socket.join('operators');
    socket.on('operator.status', (_payload: unknown, ack: (reply: unknown) => void) => ack({ ok: true, data: null }));
    return;
  }
  socket.on('visitor.hello', (_payload: unknown, ack: (reply: unknown) => void) => ack({ ok: true, data: null }));
  socket.on('message.send', (m: { clientId: string; text: string }, ack: (reply: unknown) => void) => {
    const message = { id: randomUUID(), clientId: m.clientId, text: m.text, createdAt: new Date().toISOString() };
    chat.to('operators').emit('message.created', message);
    ack({ ok: true, data: message });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('relay listening'));
process.once('SIGTERM', () => void io.close(() => process.exit(0)));
