package com.medcontracthub.opportunities.upload;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.http.ProductLoginHandler;
import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.platform.http.Uploads;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The opportunities service's route on the gateway: {@code POST /api/v1/opportunities/import}, the upload a tenant
 * admin imports ({@link ImportRoute}). The request stays paused until the route reads it, after the login.
 */
public final class ImportMount implements GatewayMount {

  public static final Factory FACTORY = ImportMount::new;
  static final String PATH = "/api/v1/opportunities/import";

  private final ProductLoginHandler login;
  private final ImportRoute upload;

  private ImportMount(Vertx vertx, MchConfig config, ProductLogins logins) {
    this.login = new ProductLoginHandler(logins);
    this.upload = new ImportRoute(BlobStore.of(vertx, config), config.imports().maxBytes(),
        config.imports().timeoutMs());
  }

  @Override
  public void mount(Router router) {
    router.post(PATH)
        .handler(Uploads.PAUSED)
        .handler(login)
        .handler(upload);
  }

  @Override
  public List<Operation> operations() {
    return List.of(new Operation("POST", PATH, Addresses.OPPORTUNITIES_IMPORT, "import a SAM.gov file (tenant admins)"));
  }
}
