package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Acceptance test of conda-store's UI served by Terrarium, in headless Chromium: a user logs in through the UI,
 * creates an environment from the demo channel in the UI's form (picking {@code hello} from the package
 * autocomplete), waits until the UI shows the build completed, opens the build log, downloads the lockfile and logs
 * out. Each step leaves a screenshot under {@code target/ui-screenshots/<database>/}.
 *
 * <p>The login and logout steps ({@link #logInThroughTheLoginForm} and {@link #logOutThroughTheUi}) follow the
 * authentication contract ({@code GET /login/?next=} form, {@code POST /login/}, {@code POST /logout/?next=}), as the
 * first administrator {@code admin} whose password the IT server wrote to its store.
 */
class UiBrowserIT {

    private static final String BASE = ItServer.BASE;
    /** The UI's URL: {@code /conda-store/ui} without a url_prefix, {@code {prefix}/ui} under one. */
    private static final String UI = BASE + ItServer.UI;

    private static final String DATABASE = System.getProperty("terrarium.it.database", "h2");
    private static final Path SHOTS = Path.of("target", "ui-screenshots", DATABASE);
    /** The user of the login step; the IT servers' identity store is expected to know it. */
    private static final String USER = System.getProperty("terrarium.it.ui.user", "admin");

    /** The first administrator's password, which the IT server wrote to its store on its first start. */
    private static final String PASSWORD = System.getProperty("terrarium.it.ui.password");

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration BUILD = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Path profile;
    /** The flow under way, which names the screenshots' directory. */
    private String flow = "flow";

    private ChromeDriver browser;
    private int shot;

    @BeforeEach
    void startChromium() throws IOException {
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("terrarium-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // without these Chromium waits on services it cannot reach from a closed network
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        profile.resolve("downloads").toString(),
                        "download.prompt_for_download",
                        false));
        // the console reports every request that failed ("Failed to load resource: ... status of 404"), see below
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(STEP);
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aUserBuildsAnEnvironmentFromTheDemoChannelInTheUi() throws Exception {
        flow = "create";
        String environment = "ui-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

        try {
            browser.get(BASE + "/");
            waitFor(ExpectedConditions.urlContains(ItServer.PREFIX + ItServer.UI + "/"));
            waitForText("Environments");
            screenshot("opened");

            logInThroughTheLoginForm();

            createEnvironmentWithHello(environment);
            long buildId = waitUntilTheUiShowsTheBuildCompleted(environment);
            openTheBuildLog(buildId);
            downloadTheLockfile(buildId);

            logOutThroughTheUi();
            assertTheUiMadeNoFailedRequest();
        } catch (Exception | AssertionError e) {
            // what the browser showed when it went wrong, for whoever reads the report
            screenshot("failed");
            Files.writeString(SHOTS.resolve(flow).resolve("failed-page.html"), browser.getPageSource());
            throw e;
        }
    }

    /**
     * The environment page's edit mode: a new version of {@code hello} picked from the version list (the
     * {@code exact=true&distinct_on=version} search) and saved as a new build, the older build made current again
     * ("Change environment version", {@code PUT /api/v1/environment/{ns}/{name}/}), then the environment deleted.
     */
    @Test
    void aUserEditsReactivatesAndDeletesAnEnvironmentInTheUi() throws Exception {
        flow = "edit";
        String environment = "ui-edit-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        try {
            browser.get(UI + "/");
            waitForText("Environments");
            logInThroughTheLoginForm();
            // the first build comes from the API, called in the browser with the UI's session
            String created = fetch(
                    "POST",
                    "/api/v1/specification/",
                    "{\"namespace\": \"default\", \"specification\": \"name: " + environment
                            + "\\nchannels: [demo]\\ndependencies: [hello]\\n\"}");
            long first = Long.parseLong(created.replaceAll("(?s).*\"build_id\"\\s*:\\s*(\\d+).*", "$1"));
            new WebDriverWait(browser, BUILD, Duration.ofSeconds(1))
                    .until(d ->
                            fetch("GET", "/api/v1/build/" + first + "/", null).contains("\"COMPLETED\""));
            browser.get(UI + "/default/" + environment);
            waitUntilTheUiShowsTheBuildCompleted(environment);
            assertTheUiMadeNoFailedRequest();

            click(button("Edit"));
            // the row re-renders on every change: look it up again each time
            click(waitFor(ExpectedConditions.elementToBeClickable(requestedPackageSelect("hello", 1))));
            click(waitFor(ExpectedConditions.elementToBeClickable(option("="))));
            click(waitFor(ExpectedConditions.elementToBeClickable(requestedPackageSelect("hello", 2))));
            // the versions come from GET /api/v1/package/?search=hello&exact=true&distinct_on=version&sort_by=version
            click(waitFor(ExpectedConditions.elementToBeClickable(option("1.0"))));
            screenshot("edit-version");
            click(button("Save"));
            long second = waitFor(d -> {
                long newest = newestBuild(environment);
                return newest != first ? newest : null;
            });
            waitUntilTheUiShowsTheBuildCompleted(environment);
            waitFor(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tr[td[normalize-space()='hello']][td[normalize-space()='1.0']]")));
            assertEquals(second, currentBuild(environment));
            screenshot("edited");
            assertTheUiMadeNoFailedRequest();

            // the page keeps the environment it loaded (its current build then); a user reloads to see the new one
            browser.navigate().refresh();
            waitUntilTheUiShowsTheBuildCompleted(environment);
            click(button("Edit"));
            click(
                    By.xpath(
                            "//*[normalize-space()='Change active environment version:']/following::div[contains(@class,'MuiSelect-select')][1]"));
            click(waitFor(ExpectedConditions.elementToBeClickable(
                    By.xpath("//li[@role='option'][not(contains(., 'Active'))][normalize-space()!='']"))));
            click(button("Change environment version"));
            waitFor(d -> currentBuild(environment) == first ? true : null);
            screenshot("older-build-active");
            assertTheUiMadeNoFailedRequest();

            // the notification of the change covers the bottom of the page until it is closed or times out
            for (WebElement close : browser.findElements(By.xpath("//*[contains(@class,'MuiAlert-root')]//button"))) {
                try {
                    close.click();
                } catch (org.openqa.selenium.WebDriverException gone) {
                    // it timed out on its own meanwhile
                }
            }
            waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".MuiAlert-root")));
            // still in edit mode; "Delete environment" is a clickable text, not a button
            click(By.xpath("//p[normalize-space()='Delete environment']"));
            click(waitFor(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[@role='dialog']//button[normalize-space()='Delete']"))));
            waitForText("has been deleted");
            screenshot("deleted");
            assertTheUiMadeNoFailedRequest();
            // (this check's own 404 shows in the console too, so it comes after the console's)
            waitFor(d -> fetchStatus("GET", "/api/v1/environment/default/" + environment + "/", null) == 404);
        } catch (Exception | AssertionError e) {
            screenshot("failed");
            Files.writeString(SHOTS.resolve(flow).resolve("failed-page.html"), browser.getPageSource());
            throw e;
        }
    }

    private long newestBuild(String environment) {
        String json =
                fetch("GET", "/api/v1/build/?namespace=default&name=" + environment + "&sort_by=id&order=desc", null);
        return Long.parseLong(json.replaceAll("(?s)^.*?\"id\"\\s*:\\s*(\\d+).*$", "$1"));
    }

    private long currentBuild(String environment) {
        String json = fetch("GET", "/api/v1/environment/default/" + environment + "/", null);
        return Long.parseLong(json.replaceAll("(?s).*\"current_build_id\"\\s*:\\s*(\\d+).*", "$1"));
    }

    /** The constraint (1) or version (2) select of a requested package in edit mode. */
    private static By requestedPackageSelect(String name, int which) {
        return By.xpath("(//tr[td[1][normalize-space()='" + name + "']]//*[contains(@class,'MuiSelect-select')])["
                + which + "]");
    }

    private static By option(String text) {
        return By.xpath("//li[@role='option'][normalize-space()='" + text + "']");
    }

    /**
     * Login step: the UI's "Log in" button leads to our login form ({@code GET /login/?next=<UI page>}), whose
     * submission ({@code POST /login/}) sets the session cookie and sends the browser back into the UI, which then
     * offers "Log out".
     */
    private void logInThroughTheLoginForm() throws Exception {
        assertTrue(serverHasLoginPage(), "GET /login/ serves the sign-in form");
        click(button("Log in"));
        waitFor(ExpectedConditions.urlContains("/login/"));
        browser.findElement(By.name("username")).sendKeys(USER);
        browser.findElement(By.name("password")).sendKeys(password());
        screenshot("login-form");
        browser.findElement(By.cssSelector("form [type=submit], form button")).click();
        // back in the UI (the login page's own URL names the UI in next=)
        waitFor(d -> d.getCurrentUrl().startsWith(UI + "/") ? true : null);
        waitFor(ExpectedConditions.visibilityOfElementLocated(button("Log out")));
        assertTrue(
                browser.manage().getCookies().stream().anyMatch(c -> c.getName().equals("conda-store-auth")),
                "the login set the conda-store-auth cookie");
        screenshot("logged-in");
    }

    /**
     * Logout step: the UI's "Log out" button posts to {@code /logout/?next=/}, which clears the cookie; the UI offers
     * "Log in" again.
     */
    private void logOutThroughTheUi() throws Exception {
        click(button("Log out"));
        waitFor(ExpectedConditions.visibilityOfElementLocated(button("Log in")));
        assertTrue(
                browser.manage().getCookies().stream()
                        .noneMatch(c -> c.getName().equals("conda-store-auth")),
                "the logout cleared the conda-store-auth cookie");
        screenshot("logged-out");
    }

    /** Fills the UI's create form: name, description, the demo channel, and {@code hello} from the autocomplete. */
    private void createEnvironmentWithHello(String environment) throws IOException {
        // the "+" beside a namespace opens the form; a fresh server has no namespace yet, its deep link works too
        List<WebElement> plus = browser.findElements(By.xpath(
                "//*[normalize-space()='default']/following::button[@aria-label='Create new environment'][1]"));
        if (plus.isEmpty()) {
            browser.get(UI + "/default/new-environment");
        } else {
            click(plus.get(0));
        }
        WebElement name = waitFor(ExpectedConditions.visibilityOfElementLocated(textField("Environment name")));
        name.sendKeys(environment);
        browser.findElement(By.xpath("//textarea[@placeholder='Enter here the description of your environment']"))
                .sendKeys("built by UiBrowserIT");

        // the channel list is a collapsed accordion
        click(By.xpath("//*[@role='button'][normalize-space()='Channels']"));
        click(button("+ Add Channel"));
        WebElement channel = waitFor(ExpectedConditions.visibilityOfElementLocated(textField("Enter channel")));
        channel.sendKeys("demo", Keys.ENTER);

        click(button("+ Add Package"));
        WebElement pkg = waitFor(ExpectedConditions.visibilityOfElementLocated(textField("Enter package")));
        pkg.sendKeys("hel");
        // the suggestion comes from GET /api/v1/package/?search=hel&distinct_on=name: the indexed demo channel
        WebElement hello = waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//li[@role='option'][normalize-space()='hello']")));
        screenshot("package-autocomplete");
        click(hello);
        waitForText("hello");
        screenshot("create-form");

        click(button("Create"));
        waitFor(ExpectedConditions.urlContains(ItServer.PREFIX + ItServer.UI + "/default/" + environment));
        screenshot("created");
    }

    /** Polls the page (the UI itself polls the build every 5 s) until the build status reads Completed. */
    private long waitUntilTheUiShowsTheBuildCompleted(String environment) throws Exception {
        WebElement status = new WebDriverWait(browser, BUILD, Duration.ofSeconds(1))
                .withMessage(() -> "the UI did not show the build of " + environment + " completed")
                .until(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector("[data-testid=build-status]"));
                    if (!found.isEmpty() && found.get(0).getText().contains("Failed")) {
                        throw new AssertionError(
                                "the build failed: " + found.get(0).getText());
                    }
                    return !found.isEmpty() && found.get(0).getText().contains("Completed") ? found.get(0) : null;
                });
        screenshot("build-completed");
        long buildId = currentBuild(environment);
        assertTrue(status.getText().contains("Completed"), status.getText());
        return buildId;
    }

    /** Opens the log through the UI's link (a new tab): it is the build's log and says how the build ended. */
    private void openTheBuildLog(long buildId) throws IOException {
        String log = inNewTab(link("Show Conda environment " + buildId + " log"), "build-log");
        assertTrue(log.contains("hello"), "the build log names hello:\n" + log);
    }

    /** Downloads the lockfile through the UI's link: a conda-lock lockfile pinning hello from the demo channel. */
    private void downloadTheLockfile(long buildId) throws IOException {
        String lockfile = inNewTab(link("Show lockfile"), "lockfile");
        Files.writeString(SHOTS.resolve(flow).resolve("lockfile-build-" + buildId + ".txt"), lockfile);
        assertTrue(lockfile.contains("\"name\": \"hello\"") || lockfile.contains("name: hello"), lockfile);
        assertTrue(lockfile.contains("demo"), "the lockfile names the demo channel:\n" + lockfile);
    }

    private String inNewTab(By link, String screenshotName) throws IOException {
        String ui = browser.getWindowHandle();
        Set<String> before = browser.getWindowHandles();
        click(waitFor(ExpectedConditions.elementToBeClickable(link)));
        String tab = new WebDriverWait(browser, STEP)
                .until(d -> d.getWindowHandles().stream()
                        .filter(h -> !before.contains(h))
                        .findFirst()
                        .orElse(null));
        browser.switchTo().window(tab);
        String text = waitFor(d -> {
            String t = d.findElement(By.tagName("body")).getText();
            return t.isBlank() ? null : t;
        });
        screenshot(screenshotName);
        browser.close();
        browser.switchTo().window(ui);
        return text;
    }

    /**
     * Every API difference the UI trips on shows as a failed request to this server in the browser console
     * ("Failed to load resource: the server responded with a status of 404"); there must be none. (The bundle's
     * own warnings and its web font from fonts.gstatic.com, unreachable here, are not the server's doing.)
     */
    private void assertTheUiMadeNoFailedRequest() {
        List<String> failed = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> m.startsWith(BASE) && m.contains("Failed to load resource"))
                .toList();
        assertEquals(List.of(), failed, "requests of the UI that the server failed");
    }

    /**
     * Calls the API from the page, with the UI's session (its cookie), as the UI does: the test sees what the logged
     * in user may see, whatever anonymous callers may.
     *
     * @return the body of a 2xx answer
     */
    private String fetch(String method, String path, String json) {
        String answer = fetchRaw(method, path, json);
        int status = Integer.parseInt(answer.substring(0, answer.indexOf('\n')));
        String body = answer.substring(answer.indexOf('\n') + 1);
        assertTrue(status / 100 == 2, method + " " + path + " answered " + status + ": " + body);
        return body;
    }

    private int fetchStatus(String method, String path, String json) {
        String answer = fetchRaw(method, path, json);
        return Integer.parseInt(answer.substring(0, answer.indexOf('\n')));
    }

    private String fetchRaw(String method, String path, String json) {
        return (String) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {method: arguments[1], credentials: 'include',"
                                + " headers: {'Content-Type': 'application/json'}, body: arguments[2]})"
                                + ".then(r => r.text().then(t => done(r.status + '\\n' + t)))"
                                + ".catch(e => done('0\\n' + e));",
                        BASE + path,
                        method,
                        json);
    }

    private static String password() throws IOException {
        if (PASSWORD != null) {
            return PASSWORD;
        }
        String store = System.getProperty("terrarium.it.store");
        assertNotNull(store, "terrarium.it.store (the IT server's store) or terrarium.it.ui.password");
        return Files.readString(Path.of(store, "auth", "initial-admin-password"))
                .strip();
    }

    private boolean serverHasLoginPage() throws Exception {
        HttpResponse<String> r = get("/login/?next=/");
        return r.statusCode() == 200 && r.body().contains("name=\"password\"");
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(BASE + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static By button(String text) {
        return By.xpath("//button[normalize-space()='" + text + "']");
    }

    private static By link(String text) {
        return By.xpath("//a[normalize-space()='" + text + "']");
    }

    /** The input of the MUI text field with this label. */
    private static By textField(String label) {
        return By.xpath("//label[normalize-space()='" + label + "']/following-sibling::div//input");
    }

    private void click(By by) {
        click(waitFor(ExpectedConditions.elementToBeClickable(by)));
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void waitForText(String text) {
        waitFor(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    private <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, STEP, Duration.ofMillis(200)).until(condition);
    }

    private void screenshot(String step) throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Path dir = Files.createDirectories(SHOTS.resolve(flow));
        Files.write(dir.resolve(String.format("%02d-%s.png", ++shot, step)), png);
    }
}
