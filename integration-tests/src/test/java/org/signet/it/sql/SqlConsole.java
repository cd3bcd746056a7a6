package org.signet.it.sql;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A test's hand on Signet's database, as someone with database access but not Signet's keys would have it: runs
 * the SQL statement it is sent on Signet's own data source (embedded Derby can be reached from inside the server
 * only). Deployed by the tests that need it, beside Signet, never part of it.
 */
@WebServlet("/sql")
public class SqlConsole extends HttpServlet {

    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sql = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder answer = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        answer.append(rows.getString(1)).append('\n');
                    }
                }
            } else {
                answer.append(statement.getUpdateCount());
            }
        } catch (SQLException e) {
            response.setStatus(400);
            answer.append(e.getMessage());
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(answer.toString().getBytes(StandardCharsets.UTF_8));
    }
}
