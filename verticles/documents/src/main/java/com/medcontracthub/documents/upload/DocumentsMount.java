package com.medcontracthub.documents.upload;

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

/** The documents service's routes on the gateway: the upload ({@link UploadRoute}) and the original file ({@link FileRoute}). */
public final class DocumentsMount implements GatewayMount {

  public static final Factory FACTORY = DocumentsMount::new;
  static final String UPLOAD = "/api/v1/opportunities/:id/documents";
  static final String FILE = "/api/v1/documents/:id/file";

  private final ProductLoginHandler login;
  private final UploadRoute upload;
  private final FileRoute file;

  private DocumentsMount(Vertx vertx, MchConfig config, ProductLogins logins) {
    BlobStore blobs = BlobStore.of(vertx, config);
    this.login = new ProductLoginHandler(logins);
    this.upload = new UploadRoute(blobs, config.documents().maxBytes(), config.documents().timeoutMs());
    this.file = new FileRoute(blobs);
  }

  @Override
  public void mount(Router router) {
    router.post(UPLOAD)
        .handler(Uploads.PAUSED)
        .handler(login)
        .handler(upload);
    router.get(FILE).handler(login).handler(file);
  }

  @Override
  public List<Operation> operations() {
    return List.of(
        new Operation("POST", "/api/v1/opportunities/{id}/documents", Addresses.DOCUMENTS_CREATE,
            "upload a document of the opportunity (PDF, PNG, TIFF or JPEG; multipart/form-data or the raw body with "
                + "?fileName=): 202, its text is read next"),
        new Operation("GET", "/api/v1/documents/{id}/file", Addresses.DOCUMENTS_FILE, "a document's original file"));
  }
}
