package com.taskdesk.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Prisma-style {@code DATABASE_URL}:
 * {@code postgresql://user:password@host:port/database?connection_limit=1&pool_timeout=2}.
 * Split as Prisma's own (WHATWG) URL parser splits it: the authority ends at the first '/', '?'
 * or '#', and its last '@' ends the user info. No message ever quotes any part of the user
 * info, nor anything that could be part of it. Hand-written because java.net.URI does not fit:
 * it drops the host of a password holding an '@' (which Prisma accepts), and its exception for
 * a character it refuses quotes the whole URL, password included.
 */
public record DatabaseUrl(
        String host, int port, String database, String user, String password, Map<String, String> parameters) {

    public static final int DEFAULT_PORT = 5432;

    /**
     * An unencoded '/', '?' or '#' in the user info ends the authority early, so the user info's
     * '@' turns up after it; a URL where that happens is refused whole, before any part of it
     * could reach a message as a port, a database or a parameter.
     */
    static final String UNENCODED_USER_INFO = "DATABASE_URL has an '@' after its host: its password (or user"
            + " name) likely holds an unencoded '/', '?' or '#'; percent-encode them (%2F, %3F, %23; an '@'"
            + " meant literally after the host is %40)";

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + ":***@") + hostAndPort() + "/" + database;
    }

    /** host:port as a JDBC URL writes it (IPv6 in brackets). */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidSettingException("DATABASE_URL is empty");
        }
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            // only a scheme-shaped text is quoted: anything else may be part of a password
            throw new InvalidSettingException("DATABASE_URL must start with postgresql:// or postgres://"
                    + (SCHEME.matcher(scheme).matches() ? " (its scheme is '" + safe(scheme) + "')" : ""));
        }
        String rest = url.substring(schemeEnd + 3);
        int at = authorityEnd(rest);
        String authority = rest.substring(0, at);
        String pathAndQuery = rest.substring(at);
        if (pathAndQuery.indexOf('@') >= 0) {
            throw new InvalidSettingException(UNENCODED_USER_INFO);
        }

        String user = null;
        String password = null;
        int userEnd = authority.lastIndexOf('@');
        if (userEnd >= 0) {
            String userInfo = authority.substring(0, userEnd);
            authority = authority.substring(userEnd + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "the user name");
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "the password");
        }

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidSettingException("DATABASE_URL has an IPv6 host without its closing ']'");
            }
            host = authority.substring(1, close);
            String afterHost = authority.substring(close + 1);
            if (afterHost.startsWith(":")) {
                portText = afterHost.substring(1);
            } else if (!afterHost.isEmpty()) {
                throw new InvalidSettingException("DATABASE_URL has unexpected text after the IPv6 host");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new InvalidSettingException("DATABASE_URL has no host");
        }
        int port = DEFAULT_PORT;
        if (portText != null && !portText.isEmpty()) {
            port = parsePort(portText);
        }

        String path = pathAndQuery;
        String query = "";
        int question = pathAndQuery.indexOf('?');
        if (question >= 0) {
            path = pathAndQuery.substring(0, question);
            query = pathAndQuery.substring(question + 1);
        }
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        String database = path.startsWith("/") ? decode(path.substring(1), "the database name") : "";
        if (database.isEmpty()) {
            throw new InvalidSettingException("DATABASE_URL names no database (expected .../<database>)");
        }
        return new DatabaseUrl(host, port, database, user, password, parameters(query));
    }

    /** The authority (user info and host) ends at the first '/', '?' or '#'. */
    private static int authorityEnd(String rest) {
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        // not quoted: in a URL whose '@host' is missing, this text is the password
        throw new InvalidSettingException("DATABASE_URL port must be a number from 1 to 65535");
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "the value of " + name);
            parameters.put(name, value);
        }
        return parameters;
    }

    /** Percent-decoding as URLs use it ('+' stays a plus sign, as in Prisma's URLs). */
    private static String decode(String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new InvalidSettingException("DATABASE_URL: " + what + " is not valid percent-encoding");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Echo only short, harmless fragments of a URL in messages. */
    static String safe(String fragment) {
        String cleaned = fragment.replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() > 20 ? cleaned.substring(0, 20) + "..." : cleaned;
    }
}
