package vn.checkin.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Request shortcuts shared by the API tests. */
public final class Http {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Http() {
    }

    public static RequestSpecification asAdmin() {
        return as(Api.adminToken());
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** The response is problem+json with this status in the header and in the body. */
    public static ValidatableResponse expectProblem(Response response, int status) {
        return response.then().statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(status));
    }
}
