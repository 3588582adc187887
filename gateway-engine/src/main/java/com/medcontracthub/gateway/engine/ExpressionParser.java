package com.medcontracthub.gateway.engine;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a {@link RouteExpression} as Kong's router does, checking each predicate's types (a regular expression on a
 * string field, an integer on a port, a CIDR range after {@code in} on an address), so a mistake stops the file with
 * its column rather than matching nothing.
 */
final class ExpressionParser {

  private static final List<String> OPERATORS = List.of("==", "!=", "^=", "=^", ">=", "<=", "~", ">", "<");
  private static final Set<String> STRING_OPERATORS = Set.of("==", "!=", "~", "^=", "=^", "in", "not in");
  private static final Set<String> INT_OPERATORS = Set.of("==", "!=", ">", ">=", "<", "<=");
  private static final Set<String> IP_OPERATORS = Set.of("==", "!=", "in", "not in");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
  private static final Pattern LITERAL = Pattern.compile("-?[0-9a-fA-FxX:.]+(/[0-9]{1,3})?");
  private static final Pattern INTEGER = Pattern.compile("-?(0[xX][0-9a-fA-F]+|0[0-7]+|[0-9]+)");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final String text;
  private int at;

  private ExpressionParser(String text) {
    this.text = text;
  }

  /** The expression; an {@link IllegalArgumentException} says what is wrong and at which column. */
  static RouteExpression parse(String text) {
    ExpressionParser parser = new ExpressionParser(text);
    RouteExpression.Node root = parser.or();
    parser.skipSpace();
    if (parser.at < text.length()) {
      throw parser.error("expected && or || but found \"" + text.substring(parser.at) + "\"");
    }
    return new RouteExpression(text, root);
  }

  private RouteExpression.Node or() {
    RouteExpression.Node node = and();
    while (take("||")) {
      node = new RouteExpression.Or(node, and());
    }
    return node;
  }

  private RouteExpression.Node and() {
    RouteExpression.Node node = term();
    while (take("&&")) {
      node = new RouteExpression.And(node, term());
    }
    return node;
  }

  private RouteExpression.Node term() {
    if (take("(")) {
      RouteExpression.Node inner = or();
      if (!take(")")) {
        throw error("expected )");
      }
      return inner;
    }
    return predicate();
  }

  private RouteExpression.Node predicate() {
    skipSpace();
    int start = at;
    String name = ident();
    boolean lower = false;
    boolean any = false;
    while (take("(")) {
      if (name.equals("lower")) {
        lower = true;
      } else if (name.equals("any")) {
        any = true;
      } else {
        throw error(start, "unknown function " + name + "(); there are lower() and any()");
      }
      skipSpace();
      start = at;
      name = ident();
      if (!take(")")) {
        throw error("expected )");
      }
    }
    RouteExpression.Field field = RouteExpression.Field.named(name);
    if (field == null) {
      throw error(start, "unknown field " + name);
    }
    if (lower && field.type() != RouteExpression.Type.STRING) {
      throw error(start, "lower() takes a string field, not " + name);
    }
    skipSpace();
    int opAt = at;
    String op = operator();
    Set<String> allowed = switch (field.type()) {
      case STRING -> STRING_OPERATORS;
      case INT -> INT_OPERATORS;
      case IP -> IP_OPERATORS;
    };
    if (!allowed.contains(op)) {
      throw error(opAt, op + " does not apply to " + field.name() + ", " + switch (field.type()) {
        case STRING -> "a string";
        case INT -> "an integer";
        case IP -> "an address";
      });
    }
    Object value = value(field, op);
    return new RouteExpression.Predicate(field, lower, any, op, value);
  }

  private String operator() {
    skipSpace();
    if (text.startsWith("not", at)) {
      at += 3;
      if (!take("in")) {
        throw error("expected in after not");
      }
      return "not in";
    }
    if (text.startsWith("in", at) && (at + 2 == text.length() || !Character.isLetter(text.charAt(at + 2)))) {
      at += 2;
      return "in";
    }
    for (String op : OPERATORS) {
      if (text.startsWith(op, at)) {
        at += op.length();
        return op;
      }
    }
    throw error("expected an operator: ==, !=, ~, ^=, =^, >, >=, <, <=, in or not in");
  }

  private Object value(RouteExpression.Field field, String op) {
    skipSpace();
    int start = at;
    if (field.type() == RouteExpression.Type.STRING) {
      String literal = string();
      if (!op.equals("~")) {
        return literal;
      }
      try {
        return Pattern.compile(literal);
      } catch (PatternSyntaxException e) {
        throw error(start, "not a regular expression: " + e.getDescription());
      }
    }
    Matcher literal = LITERAL.matcher(text).region(at, text.length());
    if (!literal.lookingAt()) {
      throw error("expected " + (field.type() == RouteExpression.Type.INT ? "an integer" : "an address or range"));
    }
    at = literal.end();
    String token = literal.group();
    if (field.type() == RouteExpression.Type.INT) {
      if (!INTEGER.matcher(token).matches()) {
        throw error(start, "expected an integer but found " + token);
      }
      try {
        return Long.decode(token);
      } catch (NumberFormatException e) {
        throw error(start, "expected an integer but found " + token);
      }
    }
    boolean range = token.contains("/");
    if (range != op.endsWith("in")) {
      throw error(start, op.endsWith("in") ? "expected a CIDR range after " + op : "expected an address, not a range");
    }
    String address = range ? token.substring(0, token.indexOf('/')) : token;
    if (!IPV4.matcher(address).matches() && !address.contains(":")) {
      throw error(start, "expected an IP address but found " + token);
    }
    try {
      InetAddress parsed = InetAddress.getByName(address);
      if (!range) {
        return parsed;
      }
      int bits = Integer.parseInt(token.substring(token.indexOf('/') + 1));
      if (bits > parsed.getAddress().length * 8) {
        throw error(start, "a range of " + bits + " bits is longer than the address");
      }
      return new RouteExpression.Cidr(token, new IpSubnetFilterRule(parsed, bits, IpFilterRuleType.ACCEPT));
    } catch (UnknownHostException e) {
      throw error(start, "expected an IP address but found " + token);
    }
  }

  private String string() {
    skipSpace();
    int start = at;
    if (!take("\"")) {
      throw error("expected a string in double quotes");
    }
    StringBuilder value = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        if (at == text.length()) {
          break;
        }
        char escaped = text.charAt(at++);
        value.append(switch (escaped) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case '"', '\\' -> escaped;
          default -> throw error(at - 2, "unknown escape \\" + escaped);
        });
      } else {
        value.append(c);
      }
    }
    throw error(start, "the string is not closed");
  }

  private String ident() {
    skipSpace();
    Matcher m = IDENT.matcher(text).region(at, text.length());
    if (!m.lookingAt()) {
      throw error("expected a field");
    }
    at = m.end();
    return m.group();
  }

  private boolean take(String token) {
    skipSpace();
    if (text.startsWith(token, at)) {
      at += token.length();
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String problem) {
    skipSpace();
    return error(at, problem);
  }

  private IllegalArgumentException error(int column, String problem) {
    return new IllegalArgumentException("column " + (column + 1) + ": " + problem);
  }
}
