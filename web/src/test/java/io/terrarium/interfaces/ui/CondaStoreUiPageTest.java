package io.terrarium.interfaces.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CondaStoreUiPageTest {

    @Test
    void aDeploymentBelowTheRootPrefixesEveryUrlOfThePage() {
        String page = CondaStoreUiPage.page("/terrarium", "/ui");
        assertTrue(page.contains("var root = window.location.origin + \"/terrarium\";"), page);
        assertTrue(page.contains("REACT_APP_URL_BASENAME: \"/terrarium\" + \"/ui\""), page);
        assertTrue(
                page.contains("REACT_APP_LOGOUT_PAGE_URL: root + \"/logout/?next=\" + \"/terrarium\" + \"/\""), page);
        assertTrue(page.contains("src=\"/terrarium/conda-store/static/conda-store-ui/main.js\""), page);
        assertTrue(page.contains("href=\"/terrarium/conda-store/static/favicon.svg\""), page);
    }

    @Test
    void aContextPathCannotBreakOutOfTheScript() {
        String literal = CondaStoreUiPage.jsString("/a\"</script><script>alert(1)//");
        assertFalse(literal.contains("</script>"), literal);
        assertFalse(literal.substring(1, literal.length() - 1).contains("\""), literal);
        assertEquals("\"/a\\u0022\\u003c/script\\u003e\"", CondaStoreUiPage.jsString("/a\"</script>"));
    }
}
