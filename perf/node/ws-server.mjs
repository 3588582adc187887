// A plain npm ws server doing the benchmark's room fan-out: {"join": room} answers {"joined": room};
// {"room", "payload"} forwards the payload, encoded once, to every socket in the room.
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const rooms = new Map();
const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
server.on('connection', (socket) => {
  let joined = null;
  socket.on('message', (data) => {
    const message = JSON.parse(data);
    if (message.join !== undefined) {
      joined = message.join;
      if (!rooms.has(joined)) rooms.set(joined, new Set());
      rooms.get(joined).add(socket);
      socket.send(JSON.stringify({ joined }));
    } else {
      const frame = JSON.stringify(message.payload);
      for (const member of rooms.get(message.room) ?? []) member.send(frame);
    }
  });
  socket.on('close', () => joined !== null && rooms.get(joined)?.delete(socket));
});
server.on('listening', () => console.log('listening ' + port));
