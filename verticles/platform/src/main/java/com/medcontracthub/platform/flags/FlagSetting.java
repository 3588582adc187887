package com.medcontracthub.platform.flags;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * A flag's setting: on, off, or on for a share of the tenants. A tenant's side of a share is its bucket (0–99) for that
 * flag, so the same tenants are on at every evaluation, in every JVM, and raising the share only adds tenants.
 */
public record FlagSetting(int percent) {

  public static final FlagSetting ON = new FlagSetting(100);
  public static final FlagSetting OFF = new FlagSetting(0);

  public FlagSetting {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("a share of tenants is 0% to 100%, not " + percent + "%");
    }
  }

  /** {@code on}, {@code off}, {@code true}, {@code false} or a share of tenants ({@code 25%}) for {@code flag}. */
  public static FlagSetting parse(Flag flag, String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "on", "true" -> {
        return ON;
      }
      case "off", "false" -> {
        return OFF;
      }
      default -> {
        if (!value.matches("\\d{1,3}%")) {
          throw new IllegalArgumentException(flag.key() + ": '" + text + "' is not a setting; expected on, off"
              + (flag.byTenant() ? " or a share of tenants such as 25%" : ""));
        }
        FlagSetting share = new FlagSetting(Integer.parseInt(value.substring(0, value.length() - 1)));
        if (!flag.byTenant() && share.partial()) {
          throw new IllegalArgumentException(flag.key() + " is on or off for every tenant, not for a share of them");
        }
        return share;
      }
    }
  }

  /** Whether it is on for some tenants and off for others. */
  public boolean partial() {
    return percent > 0 && percent < 100;
  }

  /** Whether {@code flag} is on for {@code tenantId} (null: a caller without a tenant, on only where all are). */
  public boolean on(Flag flag, String tenantId) {
    if (!partial()) {
      return percent == 100;
    }
    return tenantId != null && bucket(flag, tenantId) < percent;
  }

  /** The flag's name is hashed in: the first tenants of one flag's share are not those of every other's. */
  static int bucket(Flag flag, String tenantId) {
    CRC32C crc = new CRC32C();
    crc.update((flag.key() + '/' + tenantId).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % 100);
  }

  @Override
  public String toString() {
    return percent == 100 ? "on" : percent == 0 ? "off" : percent + "%";
  }
}
