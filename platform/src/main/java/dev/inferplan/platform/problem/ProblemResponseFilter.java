package dev.inferplan.platform.problem;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * Error responses that never passed through an exception mapper (the security filter's 401 and
 * 403, JAX-RS's own 404/405/415) get a problem body too, so clients see one error shape.
 */
@Provider
@ApplicationScoped
public class ProblemResponseFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400) {
            return;
        }
        if (response.getEntity() instanceof Problem) {
            response.getHeaders().putSingle("Content-Type", Problem.MEDIA_TYPE);
            return;
        }
        if (response.hasEntity()) {
            return;
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info == null ? "HTTP " + status : info.getReasonPhrase();
        response.setEntity(new Problem(typeFor(status), title, status, detailFor(status), instance(request.getUriInfo()),
                List.of()), null, MediaType.valueOf(Problem.MEDIA_TYPE));
    }

    /**
     * The request's path as the problem's instance, only where a resource answered: for a path nothing
     * serves, the path is the caller's own text and is not sent back.
     */
    static URI instance(UriInfo uriInfo) {
        if (uriInfo == null || uriInfo.getMatchedResources().isEmpty()) {
            return null;
        }
        return URI.create(uriInfo.getRequestUri().getRawPath());
    }

    static URI typeFor(int status) {
        return switch (status) {
            case 401 -> URI.create(Problem.TYPE_BASE + "unauthenticated");
            case 403 -> URI.create(Problem.TYPE_BASE + "forbidden");
            case 404 -> URI.create(Problem.TYPE_BASE + "not-found");
            default -> URI.create("about:blank");
        };
    }

    static String detailFor(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token is required (Authorization: Bearer <JWT>); it was missing, expired, "
                    + "not signed by a trusted key, or unsigned.";
            case 403 -> "The token is valid but none of its roles may do this.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 415 -> "This media type is not accepted here.";
            default -> null;
        };
    }
}
