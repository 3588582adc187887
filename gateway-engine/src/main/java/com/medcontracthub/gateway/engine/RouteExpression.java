package com.medcontracthub.gateway.engine;

import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kong 3 expression route's {@code expression}, in the language of Kong's {@code expressions} router (ATC):
 * predicates {@code field op value} joined by {@code &&} and {@code ||} (and binds tighter), in parentheses as needed.
 * Fields: {@code http.method}, {@code http.host}, {@code http.path}, {@code http.headers.<name>} (lower case, {@code _}
 * for {@code -}), {@code http.queries.<name>}, {@code net.protocol}, {@code tls.sni} (strings), {@code net.src.ip},
 * {@code net.dst.ip} (addresses), {@code net.src.port}, {@code net.dst.port} (integers). Operators: {@code ==},
 * {@code !=}, {@code ~} (a regular expression found in the value), {@code ^=} (prefix), {@code =^} (suffix),
 * {@code > >= < <=} (integers), {@code in} / {@code not in} (an address in a CIDR range, or a string in another).
 * {@code lower(field)} compares in lower case; a header or query argument sent several times satisfies a predicate
 * when all its values do, or one of them with {@code any(field)}. A field the request lacks satisfies nothing. Read by {@link ExpressionParser}.
 */
public final class RouteExpression {

  /** What a matching expression found: named groups of a regular expression on the path, and the part it matched. */
  static final class Found {
    final Map<String, String> groups;
    String matchedPath;

    Found(Map<String, String> groups) {
      this.groups = groups;
    }

    Found copy() {
      Found copy = new Found(new HashMap<>(groups));
      copy.matchedPath = matchedPath;
      return copy;
    }

    void restore(Found earlier) {
      groups.clear();
      groups.putAll(earlier.groups);
      matchedPath = earlier.matchedPath;
    }
  }

  enum Type { STRING, INT, IP }

  /** A field of the request: its type, and its values (none when the request lacks it). */
  record Field(String name, Type type, boolean multiple, Function<HttpServerRequest, List<Object>> values) {

    static Field named(String name) {
      if (name.startsWith("http.headers.") && name.length() > "http.headers.".length()) {
        String header = name.substring("http.headers.".length()).replace('_', '-');
        return new Field(name, Type.STRING, true, r -> List.copyOf(r.headers().getAll(header)));
      }
      if (name.startsWith("http.queries.") && name.length() > "http.queries.".length()) {
        String argument = name.substring("http.queries.".length());
        return new Field(name, Type.STRING, true, r -> List.copyOf(r.params().getAll(argument)));
      }
      return switch (name) {
        case "http.method" -> new Field(name, Type.STRING, false, r -> List.of(r.method().name()));
        case "http.host" -> new Field(name, Type.STRING, false,
            r -> r.authority() == null ? List.of() : List.of(r.authority().host()));
        case "http.path" -> new Field(name, Type.STRING, false, r -> List.of(r.path()));
        case "net.protocol" -> new Field(name, Type.STRING, false, r -> List.of(r.scheme()));
        case "tls.sni" -> new Field(name, Type.STRING, false, r -> r.connection().indicatedServerName() == null
            ? List.of() : List.of(r.connection().indicatedServerName()));
        case "net.src.ip" -> new Field(name, Type.IP, false, r -> address(r.remoteAddress()));
        case "net.dst.ip" -> new Field(name, Type.IP, false, r -> address(r.localAddress()));
        case "net.src.port" -> new Field(name, Type.INT, false, r -> List.of((long) r.remoteAddress().port()));
        case "net.dst.port" -> new Field(name, Type.INT, false, r -> List.of((long) r.localAddress().port()));
        default -> null;
      };
    }

    private static List<Object> address(SocketAddress socket) {
      try {
        return socket.hostAddress() == null ? List.of() : List.of(InetAddress.getByName(socket.hostAddress()));
      } catch (UnknownHostException notAnAddress) {
        return List.of();
      }
    }
  }

  /** An address range ({@code 10.0.0.0/8}), as the ip-restriction plugin reads them. */
  record Cidr(String text, IpSubnetFilterRule rule) {

    boolean contains(InetAddress address) {
      return rule.matches(new InetSocketAddress(address, 0));
    }
  }

  interface Node {
    boolean test(HttpServerRequest request, Found found);
  }

  record And(Node left, Node right) implements Node {
    @Override
    public boolean test(HttpServerRequest request, Found found) {
      return left.test(request, found) && right.test(request, found);
    }
  }

  record Or(Node left, Node right) implements Node {
    @Override
    public boolean test(HttpServerRequest request, Found found) {
      Found before = found.copy();
      if (left.test(request, found)) {
        return true;
      }
      // what a branch that failed found does not count
      found.restore(before);
      return right.test(request, found);
    }
  }

  /** {@code field op value}; {@code value} is a String, a Pattern ({@code ~}), a Long, an InetAddress or a Cidr. */
  record Predicate(Field field, boolean lower, boolean any, String op, Object value) implements Node {

    @Override
    public boolean test(HttpServerRequest request, Found found) {
      List<Object> values = field.values().apply(request);
      int matched = 0;
      for (Object raw : values) {
        Object actual = lower ? ((String) raw).toLowerCase(Locale.ROOT) : raw;
        if (holds(actual, found)) {
          matched++;
          if (any) {
            return true;
          }
        } else if (!any) {
          return false;
        }
      }
      return !values.isEmpty() && matched == values.size();
    }

    private boolean holds(Object actual, Found found) {
      return switch (op) {
        case "==" -> value.equals(actual);
        case "!=" -> !value.equals(actual);
        case "~" -> regex((String) actual, found);
        case "^=" -> {
          boolean prefix = ((String) actual).startsWith((String) value);
          if (prefix && field.name().equals("http.path")) {
            found.matchedPath = (String) value;
          }
          yield prefix;
        }
        case "=^" -> ((String) actual).endsWith((String) value);
        case ">" -> (Long) actual > (Long) value;
        case ">=" -> (Long) actual >= (Long) value;
        case "<" -> (Long) actual < (Long) value;
        case "<=" -> (Long) actual <= (Long) value;
        case "in" -> value instanceof Cidr cidr ? cidr.contains((InetAddress) actual)
            : ((String) value).contains((String) actual);
        case "not in" -> value instanceof Cidr cidr ? !cidr.contains((InetAddress) actual)
            : !((String) value).contains((String) actual);
        default -> throw new IllegalStateException(op);
      };
    }

    private boolean regex(String actual, Found found) {
      Pattern pattern = (Pattern) value;
      Matcher m = pattern.matcher(actual);
      if (!m.find()) {
        return false;
      }
      if (field.name().equals("http.path")) {
        RoutePatterns.names(pattern).forEach(name -> {
          if (m.group(name) != null) {
            found.groups.put(name, m.group(name));
          }
        });
        if (m.start() == 0) {
          found.matchedPath = m.group();
        }
      }
      return true;
    }
  }

  private final String source;
  private final Node root;

  RouteExpression(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  /** What the expression found when the request satisfies it; null when it does not. */
  Found match(HttpServerRequest request) {
    Found found = new Found(new HashMap<>());
    return root.test(request, found) ? found : null;
  }

  @Override
  public String toString() {
    return source;
  }
}
