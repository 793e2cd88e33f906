package com.taskdesk.local;

import com.taskdesk.secrets.JwtSecretCheck;
import com.taskdesk.secrets.LocalTokenSecret;
import jakarta.inject.Singleton;

/** The local run and the tests verify tokens with the public demo secret when given no JWT_SECRET. */
@Singleton
public class LocalDemoSecret implements LocalTokenSecret {

    @Override
    public String value() {
        return JwtSecretCheck.LOCAL_DEMO_SECRET;
    }
}
