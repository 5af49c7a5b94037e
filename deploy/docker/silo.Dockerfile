# Build: docker build -f deploy/docker/silo.Dockerfile -t gogobe/silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Silo -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Tier-1 compilation starts counting calls at once (ADR 0009).
ENV DOTNET_TC_CallCountingDelayMs=0 \
    Urls=http://0.0.0.0:8081 \
    Silo__ListenOnAnyInterface=true
EXPOSE 8081 11111 30000
ENTRYPOINT ["dotnet", "Gogobe.Silo.dll"]
