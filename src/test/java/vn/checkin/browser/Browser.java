package vn.checkin.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A headless Chromium for one test: Debian's browser and driver (never downloaded), a fresh profile and download
 * folder, no background traffic to the closed network. {@code -Dbrowser.chromium=...} and
 * {@code -Dbrowser.chromedriver=...} point elsewhere if the files are not in /usr/bin.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final URL root;

    private Browser(URL root, int width, int height) {
        this.root = root;
        try {
            this.profile = Files.createTempDirectory("checkin-chromium-profile");
            this.downloads = Files.createTempDirectory("checkin-chromium-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String driverFile = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
        System.setProperty("webdriver.chrome.driver", driverFile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverFile))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("browser.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--no-proxy-server", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("plugins.always_open_pdf_externally", true);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        this.driver = new ChromeDriver(service, options);
    }

    /** A browser whose window (and viewport, headless) has this size. */
    static Browser open(URL root, int width, int height) {
        return new Browser(root, width, height);
    }

    static Browser desktop(URL root) {
        return open(root, 1366, 900);
    }

    static Browser phone(URL root) {
        return open(root, 390, 844);
    }

    /** Opens a path (with query) of the service under test. */
    void go(String pathAndQuery) {
        driver.get(root.toString().replaceAll("/$", "") + pathAndQuery);
    }

    <T> T waitUntil(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    WebElement visible(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    void type(String id, String text) {
        WebElement field = visible(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Logs in on a staff page and waits until the page's content shows. */
    void login(String username, String password) {
        type("login-username", username);
        type("login-password", password);
        byId("login-submit").click();
        visible(By.id("app"));
    }

    /** Waits for a completely downloaded file whose name ends with {@code suffix}. */
    Path awaitDownload(String suffix) {
        return new WebDriverWait(driver, WAIT).until(d -> finished(suffix).orElse(null));
    }

    private Optional<Path> finished(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the whole page (not only the viewport) at the window's width as {@code target/screenshots/<name>.png}. */
    @SuppressWarnings("unchecked")
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Number> content = (Map<String, Number>) metrics.get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                    "width", driver.manage().window().getSize().getWidth(), "height", content.get("height"));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
