// A Socket.IO 4 server doing the benchmark's room fan-out: "join" (acknowledged) puts the socket in a room;
// "publish" {room, payload} broadcasts "msg" to the room with io.to(room).emit.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const http = createServer();
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    if (ack) ack(true);
  });
  socket.on('publish', (message) => io.to(message.room).emit('msg', message.payload));
});
http.listen(port, '127.0.0.1', () => console.log('listening ' + port));
