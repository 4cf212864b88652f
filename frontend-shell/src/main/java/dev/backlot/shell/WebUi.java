package dev.backlot.shell;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The web UI, built by Vite into the jar's {@code static/}: its files as they are, and its
 * {@code index.html} for every other path without a file extension, so that a client route such
 * as {@code /catalog/default/component/x} survives a reload and an unknown one shows the UI's own
 * 404 page. Controllers ({@code /api/**}, health, keys) and Spring Security's endpoints come first.
 */
@Component
class WebUi implements WebMvcConfigurer {
  static final String LOCATION = "classpath:/static/";
  private static final Resource INDEX = new ClassPathResource("static/index.html");

  boolean isBuilt() {
    return INDEX.exists();
  }

  /** index.html is revalidated on every load, so a new deployment's asset names are picked up at once. */
  ResponseEntity<Resource> indexPage() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(INDEX);
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    // Vite names assets by their content hash: a year of caching is safe.
    registry.addResourceHandler("/assets/**").addResourceLocations(LOCATION + "assets/")
        .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable());
    registry.addResourceHandler("/**").addResourceLocations(LOCATION).setCacheControl(CacheControl.noCache())
        .resourceChain(true).addResolver(new ClientRoutes());
  }

  /** A file when there is one; index.html for a path that names no file (no extension), else nothing (404). */
  private static final class ClientRoutes extends PathResourceResolver {
    @Override
    protected Resource getResource(String path, Resource location) throws IOException {
      Resource file = super.getResource(path, location);
      if (file != null) {
        return file;
      }
      boolean namesAFile = path.substring(path.lastIndexOf('/') + 1).contains(".");
      return namesAFile || path.startsWith("api/") || !INDEX.exists() ? null : INDEX;
    }
  }
}
