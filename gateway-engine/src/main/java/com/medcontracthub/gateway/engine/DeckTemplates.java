package com.medcontracthub.gateway.engine;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * decK's templating, rendered as decK renders it before the file is read as YAML: {@code ${{ env "DECK_NAME" }}} is
 * the text of that environment variable (only {@code DECK_} ones, and a variable that is not set is an error),
 * optionally piped through {@code toInt}, {@code toBool} or {@code toFloat} (the value checked and written as that
 * type) or {@code indent N} (every line after the first indented by N spaces, for a multi-line value such as a PEM
 * key). Lines that are comments are left as they are.
 */
final class DeckTemplates {

  private static final String PREFIX = "DECK_";
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");
  private static final Pattern ENV = Pattern.compile("env\\s+\"([^\"]*)\"");
  private static final Pattern INDENT = Pattern.compile("indent\\s+(\\d+)");

  private DeckTemplates() {
  }

  /** The file's text with every expression replaced; a {@link DeclarativeException} naming the line otherwise. */
  static String render(String text, Map<String, String> env) {
    if (!text.contains("${{")) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      String line = lines[i];
      if (line.strip().startsWith("#")) {
        out.append(line);
        continue;
      }
      Matcher expression = EXPRESSION.matcher(line);
      while (expression.find()) {
        expression.appendReplacement(out, Matcher.quoteReplacement(value(expression.group(1), env, i + 1)));
      }
      expression.appendTail(out);
    }
    return out.toString();
  }

  private static String value(String expression, Map<String, String> env, int line) {
    String[] steps = expression.strip().split("\\s*\\|\\s*");
    Matcher variable = ENV.matcher(steps[0]);
    if (!variable.matches()) {
      throw refused(line, expression, "expected env \"DECK_NAME\", optionally | toInt, | toBool, | toFloat or "
          + "| indent N");
    }
    String name = variable.group(1);
    if (!name.startsWith(PREFIX)) {
      throw refused(line, expression, "environment variables in the file must be prefixed with " + PREFIX);
    }
    String value = env.get(name);
    if (value == null) {
      throw refused(line, expression, name + " is not set");
    }
    for (int s = 1; s < steps.length; s++) {
      value = apply(steps[s], value, name, expression, line);
    }
    return value;
  }

  private static String apply(String step, String value, String name, String expression, int line) {
    Matcher indent = INDENT.matcher(step);
    if (indent.matches()) {
      return value.replace("\n", "\n" + " ".repeat(Integer.parseInt(indent.group(1))));
    }
    try {
      return switch (step) {
        case "toInt" -> String.valueOf(Long.parseLong(value.strip()));
        case "toFloat" -> String.valueOf(Double.parseDouble(value.strip()));
        case "toBool" -> String.valueOf(bool(value.strip()));
        default -> throw refused(line, expression, "unknown function " + step
            + " (decK's are toInt, toBool, toFloat and indent)");
      };
    } catch (NumberFormatException e) {
      String expected = switch (step) {
        case "toInt" -> "an integer";
        case "toFloat" -> "a number";
        default -> "a boolean";
      };
      throw refused(line, expression, name + " is \"" + value + "\", not " + expected);
    }
  }

  /** Go's strconv.ParseBool, which decK's toBool calls. */
  private static boolean bool(String value) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new NumberFormatException(value);
    };
  }

  private static DeclarativeException refused(int line, String expression, String problem) {
    return new DeclarativeException("line " + line, "${{" + expression + "}}: " + problem);
  }
}
