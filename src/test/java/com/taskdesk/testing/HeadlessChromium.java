package com.taskdesk.testing;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver by Selenium's Java client, told
 * where both are so that Selenium Manager downloads nothing. Every host name under .test resolves
 * to 127.0.0.1 (--host-resolver-rules), so one machine plays the app's hosts and the API's own host
 * under different names, as the cookie sees them.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    public static HeadlessChromium start(Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DebianPackageCondition.find("chromedriver")
                        .orElseThrow()
                        .toString()))
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(DebianPackageCondition.find("chromium").orElseThrow().toFile());
        options.addArguments(
                "--headless=new",
                // as root (CI) Chromium's sandbox cannot start
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile.resolve("profile"),
                "--host-resolver-rules=MAP *.test 127.0.0.1");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(driver);
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * Runs {@code expression}, a promise of the page's script (e.g. {@code desk.agents('HOLDS')}), and
     * returns what it resolves to, as JSON values (maps, lists, strings, numbers, booleans).
     */
    public Object await(String expression) {
        return ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];" + " Promise.resolve(" + expression
                        + ").then(done, e => done({error: String(e)}));");
    }

    /** The cookie of the page's host, as the browser keeps it (null when it has none). */
    public Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
