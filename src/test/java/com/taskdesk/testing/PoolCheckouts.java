package com.taskdesk.testing;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;

/** Agroal calls this for every checkout and return of the functions' pool (test-only bean). */
@ApplicationScoped
public class PoolCheckouts implements AgroalPoolInterceptor {

    @Override
    public void onConnectionAcquire(Connection connection) {
        SqlCounter.checkedOut();
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        SqlCounter.returned();
    }
}
