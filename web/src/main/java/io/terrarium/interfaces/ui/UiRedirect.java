package io.terrarium.interfaces.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sends a browser that opens the server's root ({@code /}) or {@code /conda-store/} to the UI at
 * {@code /conda-store/ui/}, as conda-store does.
 */
@WebServlet(urlPatterns = {"", "/conda-store", "/conda-store/"})
public class UiRedirect extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + CondaStoreUiPage.BASENAME + "/");
    }
}
