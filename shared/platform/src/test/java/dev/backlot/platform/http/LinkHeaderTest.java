package dev.backlot.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void theNextTargetIsFoundAmongTheOtherRelations() {
    // As GitHub sends it on page 2 of 3.
    String github = "<https://api.github.com/organizations/9919/repos?per_page=100&page=1>; rel=\"prev\", "
        + "<https://api.github.com/organizations/9919/repos?per_page=100&page=3>; rel=\"next\", "
        + "<https://api.github.com/organizations/9919/repos?per_page=100&page=3>; rel=\"last\"";
    assertEquals(Optional.of("https://api.github.com/organizations/9919/repos?per_page=100&page=3"), LinkHeader.next(github));
    assertEquals(Optional.of("/entities?after=abc"), LinkHeader.next("</entities?after=abc>;rel=\"next\""));
  }

  @Test
  void theLastPageHasNoNext() {
    assertEquals(Optional.empty(), LinkHeader.next("<https://api.github.com/orgs/acme/repos?page=1>; rel=\"first\""));
    assertEquals(Optional.empty(), LinkHeader.next(""));
  }
}
