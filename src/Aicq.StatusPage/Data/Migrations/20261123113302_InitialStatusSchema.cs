using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aicq.StatusPage.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialStatusSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "status");

            migrationBuilder.CreateTable(
                name: "check_results",
                schema: "status",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    component = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    latency_ms = table.Column<float>(type: "real", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_results", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hourly_rollups",
                schema: "status",
                columns: table => new
                {
                    component = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    operational = table.Column<int>(type: "integer", nullable: false),
                    degraded = table.Column<int>(type: "integer", nullable: false),
                    outage = table.Column<int>(type: "integer", nullable: false),
                    maintenance = table.Column<int>(type: "integer", nullable: false),
                    latency_sum_ms = table.Column<double>(type: "double precision", nullable: false),
                    latency_count = table.Column<int>(type: "integer", nullable: false),
                    latency_max_ms = table.Column<float>(type: "real", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hourly_rollups", x => new { x.component, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                schema: "status",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    alert_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    component_label = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    component = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                schema: "status",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    components = table.Column<string[]>(type: "text[]", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incident_updates",
                schema: "status",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    author = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_updates", x => x.id);
                    table.ForeignKey(
                        name: "FK_incident_updates_incidents_incident_id",
                        column: x => x.incident_id,
                        principalSchema: "status",
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_check_results_checked_at",
                schema: "status",
                table: "check_results",
                column: "checked_at");

            migrationBuilder.CreateIndex(
                name: "IX_check_results_component_checked_at",
                schema: "status",
                table: "check_results",
                columns: new[] { "component", "checked_at" });

            migrationBuilder.CreateIndex(
                name: "IX_hourly_rollups_hour",
                schema: "status",
                table: "hourly_rollups",
                column: "hour");

            migrationBuilder.CreateIndex(
                name: "IX_incident_updates_incident_id",
                schema: "status",
                table: "incident_updates",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_fingerprint_started_at",
                schema: "status",
                table: "incidents",
                columns: new[] { "fingerprint", "started_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_incidents_resolved_at",
                schema: "status",
                table: "incidents",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_windows_ends_at",
                schema: "status",
                table: "maintenance_windows",
                column: "ends_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_results",
                schema: "status");

            migrationBuilder.DropTable(
                name: "hourly_rollups",
                schema: "status");

            migrationBuilder.DropTable(
                name: "incident_updates",
                schema: "status");

            migrationBuilder.DropTable(
                name: "maintenance_windows",
                schema: "status");

            migrationBuilder.DropTable(
                name: "incidents",
                schema: "status");
        }
    }
}
