# The paycli image; its default command is the proxy agent (docs/agent.md, "The image").
#   docker build -t registry.example.com/platform/paycli-agent:1.0.0 .
# Stage 1 builds the shaded jar; stage 2 holds only a JRE, the jar and the launcher.
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package -pl paycli-cli -am

FROM eclipse-temurin:17-jre
# A fixed non-root uid, the one the agent's Deployment runs as (runAsUser 10001), so that files on its
# volumes have one owner whatever the image.
RUN groupadd --gid 10001 paycli \
    && useradd --uid 10001 --gid 10001 --home-dir /home/paycli --create-home --shell /usr/sbin/nologin paycli
WORKDIR /opt/paycli
# The launcher finds the jar at ../paycli-cli/target/paycli.jar from its own directory, as in a checkout.
COPY --from=build /src/paycli-cli/target/paycli.jar paycli-cli/target/paycli.jar
COPY --from=build /src/bin/paycli bin/paycli
USER 10001:10001
EXPOSE 8470
ENTRYPOINT ["bin/paycli"]
CMD ["agent", "serve", "--config", "/etc/paycli-agent/agent.yaml"]
