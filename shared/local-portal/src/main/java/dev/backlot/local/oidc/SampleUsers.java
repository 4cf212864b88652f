package dev.backlot.local.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The User entities of a catalog file (locally {@code examples/org/users.yaml}) that one can sign in as. */
public record SampleUsers(List<User> users) {
  /** A user as the local provider signs them in: Okta's profile claims {@code email} and {@code groups}. */
  public record User(String name, String displayName, String email, List<String> groups) {}

  public static SampleUsers from(Path usersFile) {
    List<User> users = new ArrayList<>();
    if (!Files.isRegularFile(usersFile)) {
      return new SampleUsers(users);
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(usersFile.toFile())) {
      while (documents.hasNext()) {
        JsonNode entity = documents.next();
        String email = entity.path("spec").path("profile").path("email").asText("");
        if (!entity.path("kind").asText().equalsIgnoreCase("User") || email.isEmpty()) {
          continue;
        }
        String name = entity.path("metadata").path("name").asText();
        List<String> groups = new ArrayList<>();
        entity.path("spec").path("memberOf").forEach(group -> groups.add(group.asText()));
        users.add(new User(name, entity.path("spec").path("profile").path("displayName").asText(name), email, groups));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample users in " + usersFile, e);
    }
    return new SampleUsers(List.copyOf(users));
  }
}
