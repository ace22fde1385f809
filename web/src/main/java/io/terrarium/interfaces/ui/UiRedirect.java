package io.terrarium.interfaces.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sends a browser that opens the application's root ({@code /}, or the url_prefix) or {@code /conda-store/} to the
 * UI: {@code /conda-store/ui/} without a url_prefix, {@code {url_prefix}/ui/} under one, as conda-store does.
 */
@WebServlet(urlPatterns = {"", "/conda-store", "/conda-store/"})
public class UiRedirect extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String context = request.getContextPath();
        String ui = context.isEmpty() ? CondaStoreUiPage.BASENAME : CondaStoreUiPage.PREFIXED_BASENAME;
        response.sendRedirect(context + ui + "/");
    }
}
