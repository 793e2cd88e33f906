package com.taskdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between the pool and PostgreSQL that can play a dead network: after
 * {@link #stopForwarding()} it keeps every socket open but forwards nothing, in either
 * direction, and new connections are accepted and then ignored, as when a route or a NAT
 * entry silently drops packets. {@link #resume()} forwards again for new connections and
 * closes the ones that lost bytes.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean forwarding = true;

    /** One client connection and, while the network is up, its upstream connection. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean damaged;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            this.damaged = upstream == null;
        }

        void pump(InputStream from, OutputStream to) {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    if (forwarding && !damaged && to != null) {
                        to.write(buffer, 0, n);
                        to.flush();
                    } else {
                        damaged = true;
                    }
                }
            } catch (IOException e) {
                // one side closed: close the other below
            }
            close();
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
            links.remove(this);
        }
    }

    public TcpRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("relay-accept", this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing crosses, in either direction, on old or new connections. */
    public void stopForwarding() {
        forwarding = false;
    }

    /** New connections work again; those that lost bytes while the network was dead are closed. */
    public void resume() {
        forwarding = true;
        for (Link link : links) {
            if (link.damaged) {
                link.close();
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                link(listener.accept());
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    /** Connects a new client upstream while the network is up; while it is dead, only takes its bytes. */
    private void link(Socket client) {
        Socket upstream = null;
        if (forwarding) {
            try {
                upstream = new Socket(targetHost, targetPort);
            } catch (IOException refused) {
                closeQuietly(client);
                return;
            }
        }
        Link link = new Link(client, upstream);
        links.add(link);
        daemon("relay-up", () -> link.pump(inputOf(client), link.upstream == null ? null : outputOf(link.upstream)));
        if (link.upstream != null) {
            daemon("relay-down", () -> link.pump(inputOf(link.upstream), outputOf(client)));
        }
    }

    private static InputStream inputOf(Socket socket) {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream outputOf(Socket socket) {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        links.forEach(Link::close);
    }
}
