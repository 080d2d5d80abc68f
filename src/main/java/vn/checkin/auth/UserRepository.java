package vn.checkin.auth;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<AppUser, UUID> {

    public Optional<AppUser> byUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
