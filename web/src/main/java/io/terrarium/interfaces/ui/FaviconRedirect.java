package io.terrarium.interfaces.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers the {@code /favicon.ico} browsers ask for on pages that name no icon (a build log, a lockfile opened from
 * the UI) with the UI's icon.
 */
@WebServlet(urlPatterns = {"/favicon.ico", "/conda-store/favicon.ico"})
public class FaviconRedirect extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String ICON = "/conda-store/static/favicon.svg";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", request.getContextPath() + ICON);
    }
}
