package com.medcontracthub.testkit;

import com.medcontracthub.embedded.Directories;
import com.medcontracthub.embedded.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real ClickHouse server for the tests: Debian's {@code clickhouse-server} (18.16, which {@code .ci/run} installs),
 * started once per test JVM on loopback with a fresh data directory, its HTTP interface on a free port, and stopped
 * when the JVM exits. Tests keep apart by database.
 */
public final class ClickHouseTestServer {

  private static final Path BINARY = Path.of("/usr/sbin/clickhouse-server");
  private static String url;

  private ClickHouseTestServer() {
  }

  /** The server's HTTP interface, {@code http://127.0.0.1:<port>}, started on first use. */
  public static synchronized String url() {
    if (url == null) {
      if (!Files.isExecutable(BINARY)) {
        throw new IllegalStateException(BINARY + " is missing: install Debian's clickhouse-server (.ci/run does)");
      }
      try {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mch-clickhouse-" + ProcessHandle.current().pid());
        delete(dir);
        Files.createDirectories(dir.resolve("data"));
        int port = Ports.free("127.0.0.1");
        Files.writeString(dir.resolve("config.xml"), config(dir.resolve("data"), port));
        Files.writeString(dir.resolve("users.xml"), USERS);
        ServerProcess server = ServerProcess.start("clickhouse", "Ready for connections",
            List.of(BINARY.toString(), "--config-file=" + dir.resolve("config.xml")), dir, Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          server.stop();
          delete(dir);
        }, "mch-clickhouse-stop"));
        url = "http://127.0.0.1:" + port;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return url;
  }

  /** Only what the server needs: loopback HTTP, its paths in the test's directory, UTC, logs on the console. */
  private static String config(Path data, int port) {
    return """
        <?xml version="1.0"?>
        <yandex>
          <logger><level>information</level><console>1</console></logger>
          <http_port>%d</http_port>
          <listen_host>127.0.0.1</listen_host>
          <path>%s/</path>
          <tmp_path>%s/tmp/</tmp_path>
          <user_files_path>%s/user_files/</user_files_path>
          <format_schema_path>%s/format_schemas/</format_schema_path>
          <users_config>users.xml</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <mark_cache_size>268435456</mark_cache_size>
          <timezone>UTC</timezone>
        </yandex>
        """.formatted(port, data, data, data, data);
  }

  private static final String USERS = """
      <?xml version="1.0"?>
      <yandex>
        <profiles><default/></profiles>
        <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile>
          <quota>default</quota></default></users>
        <quotas><default/></quotas>
      </yandex>
      """;

  private static void delete(Path dir) {
    try {
      Directories.deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
