# syntax=docker/dockerfile:1
# Inspections web app. Build: docker compose build (or docker build -t inspections .)
# Needs BuildKit (the default builder since Docker 23) for the NuGet cache mount.

# ---- build ------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src
# Everything the web app needs (see .dockerignore); the NuGet cache survives between builds.
COPY . .
# The PDF font (Noto Sans SC, pinned by SHA-256) comes from npm, as in run.sh.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && INSPECTIONS_FONT_DIR=/app/fonts ./scripts/fonts.sh
# The web app and the optional job worker (docker-compose service "worker"), published into one folder for the
# target platform's runtime (linux-x64 or linux-arm64): that makes them ReadyToRun (build/Hosts.props), precompiled,
# so the first run of each job after a start does not wait for the JIT.
ARG TARGETARCH
RUN --mount=type=cache,id=inspections-nuget,target=/root/.nuget/packages \
    RID="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet publish src/Inspections.Web/Inspections.Web.csproj \
      -c Release -r "$RID" --self-contained false -o /app/publish -p:UseAppHost=false \
 && dotnet publish src/Inspections.Worker/Inspections.Worker.csproj \
      -c Release -r "$RID" --self-contained false -o /app/publish -p:UseAppHost=false

# ---- runtime ----------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# CJK fonts for Chinese text rendering; curl for the health check.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=build /app/fonts /app/fonts
# Runtime files (uploaded photos, import files) go to /app/data: mount a volume there.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    INSPECTIONS_FONT_DIR=/app/fonts \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "Inspections.Web.dll"]
