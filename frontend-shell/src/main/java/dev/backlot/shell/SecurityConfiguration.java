package dev.backlot.shell;

import com.okta.spring.boot.oauth.Okta;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may see what: everything but health, the published keys and the sign-in explanations needs
 * an SSO session (OIDC authorization code with PKCE through the Okta starter). The browser gets
 * the session cookie and a CSRF token cookie, never a token, and with every response the rules it
 * enforces for the portal (ContentSecurityPolicy, no referrer path to other sites, no sniffing, no framing).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SignInSettings.class, UserTokenSettings.class, OAuth2ClientProperties.class, PortalSettings.class,
    AnalyticsSettings.class})
class SecurityConfiguration {
  static final String SIGN_IN_PROBLEM = "/sign-in-problem";
  static final String SIGNED_OUT = "/signed-out";

  @Bean
  SecurityFilterChain shellSecurity(HttpSecurity http, InMemoryClientRegistrationRepository registrations,
      @Qualifier("oidcUserService") OAuth2UserService<OidcUserRequest, OidcUser> oktaProfiles,
      IdentityResolution identities, AnalyticsSettings analytics,
      @Value("${backlot.shell.secure-cookies:true}") boolean secureCookies) throws Exception {
    http.authorizeHttpRequests(requests -> requests
        .requestMatchers("/healthcheck", "/.well-known/jwks.json", SIGN_IN_PROBLEM, SIGNED_OUT, "/error", "/favicon.ico").permitAll()
        .anyRequest().authenticated());
    Okta.configureOAuth2WithPkce(http, registrations);
    http.oauth2Login(login -> login
        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new SignInResolution(oktaProfiles, identities)))
        .failureHandler(new SimpleUrlAuthenticationFailureHandler(SIGN_IN_PROBLEM)));
    // An API call (or a UI plugin's manifest or bundle, fetched by the web UI) without a session is
    // refused, not redirected to the identity provider: the web UI signs in again on a 401.
    http.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
        new OrRequestMatcher(new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/ui-plugins/**"))));

    // The web UI reads the XSRF-TOKEN cookie and sends it back as X-XSRF-TOKEN on every
    // state-changing call; forms send it as _csrf. The raw token works for both (no BREACH
    // masking: the token never appears in a compressed response body next to attacker input).
    CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").secure(secureCookies));
    http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()));
    http.addFilterAfter(new CsrfCookieRendering(), CsrfFilter.class);

    // Beside Spring Security's defaults (nosniff, X-Frame-Options DENY, no caching of pages, HSTS
    // over HTTPS). Other sites learn the portal's origin from a link followed, never the path or
    // search that names an entity or a search term; the browser's own default, pinned here.
    http.headers(headers -> headers
        .contentSecurityPolicy(policy -> policy.policyDirectives(ContentSecurityPolicy.of(analytics, registrations)))
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));

    OidcClientInitiatedLogoutSuccessHandler endProviderSession = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    endProviderSession.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
    http.logout(logout -> logout.invalidateHttpSession(true).clearAuthentication(true)
        .deleteCookies("JSESSIONID", "XSRF-TOKEN").logoutSuccessHandler(endProviderSession));
    return http.build();
  }

  @Bean
  InMemoryClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties,
      @Value("${backlot.shell.end-session-uri:}") String endSessionUri) {
    return StaticClientRegistrations.from(properties, endSessionUri);
  }

  @Bean
  UserTokens userTokens(UserTokenSettings settings) {
    return new UserTokens(settings, Clock.systemUTC());
  }

  /** Loads the deferred CSRF token on every request, so the cookie reaches the browser before its first POST. */
  private static final class CsrfCookieRendering extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}
