package io.terrarium.interfaces.auth;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** conda-store's {@code POST /logout/?next=}: clears the session cookie and answers 303 to {@code next}. */
@WebServlet(urlPatterns = "/logout/*")
public class LogoutServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (AuthPages.redirectedToSlash(request, response)) {
            return;
        }
        SessionCookie.clear(request, response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", RedirectTargets.safe(request.getParameter("next"), AuthPages.home(request)));
    }
}
